// Types for the npm `minhash` package (0.0.9), compared with our own MinHash in
// workers/detectors/contentScript/minhash.test.ts and in `npm run bench -- content`.
declare module 'minhash' {
  export class Minhash {
    constructor(config?: { numPerm?: number; seed?: number });
    hashvalues: number[];
    update(value: string): void;
    jaccard(other: Minhash): number;
  }
  export class LshIndex {
    constructor(config?: { bandSize?: number });
    insert(key: string, minhash: Minhash): void;
    query(minhash: Minhash): string[];
  }
  const minhash: { Minhash: typeof Minhash; LshIndex: typeof LshIndex };
  export default minhash;
}
