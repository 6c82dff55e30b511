/** Hamming distance between equal-length hashes. */
export function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export function hammingDistance(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError(`hashes differ in length: ${a.length} and ${b.length} bytes`);
  let distance = 0;
  for (let i = 0; i < a.length; i += 1) distance += popcount32(a[i]! ^ b[i]!);
  return distance;
}
