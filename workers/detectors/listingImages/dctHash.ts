/**
 * A 256-bit perceptual hash in the manner of PDQ and pHash: the picture area-averaged to 64×64
 * grey levels, its 16×16 lowest-frequency DCT-II coefficients, each bit set when the coefficient
 * is above their median. Low frequencies survive resizing, recompression, blur, grayscale and
 * brightness or contrast changes; the median threshold makes the bits balanced, so unrelated
 * pictures land near 128 bits apart. It does not survive crops, padding or mirroring on its own:
 * the fingerprint hashes several regions of the picture for that (fingerprint.ts).
 */
export const gridSize = 64;
export const coefficientsPerSide = 16;
export const hashBits = coefficientsPerSide * coefficientsPerSide;
export const hashBytes = hashBits / 8;

/** basis[u][x] = cos(π (2x + 1) u / 2N), rows u < 16 only */
const basis: Float64Array = (() => {
  const table = new Float64Array(coefficientsPerSide * gridSize);
  for (let u = 0; u < coefficientsPerSide; u += 1) {
    for (let x = 0; x < gridSize; x += 1) table[u * gridSize + x] = Math.cos((Math.PI * (2 * x + 1) * u) / (2 * gridSize));
  }
  return table;
})();

/** The 16×16 lowest-frequency DCT coefficients of a 64×64 grid (row-major, vertical frequency first). */
export function lowFrequencies(grid: Float32Array): Float64Array {
  // rows first: partial[y][u] = Σx grid[y][x]·basis[u][x]
  const partial = new Float64Array(gridSize * coefficientsPerSide);
  for (let y = 0; y < gridSize; y += 1) {
    for (let u = 0; u < coefficientsPerSide; u += 1) {
      let sum = 0;
      for (let x = 0; x < gridSize; x += 1) sum += grid[y * gridSize + x]! * basis[u * gridSize + x]!;
      partial[y * coefficientsPerSide + u] = sum;
    }
  }
  const coefficients = new Float64Array(coefficientsPerSide * coefficientsPerSide);
  for (let v = 0; v < coefficientsPerSide; v += 1) {
    for (let u = 0; u < coefficientsPerSide; u += 1) {
      let sum = 0;
      for (let y = 0; y < gridSize; y += 1) sum += partial[y * coefficientsPerSide + u]! * basis[v * gridSize + y]!;
      coefficients[v * coefficientsPerSide + u] = sum;
    }
  }
  return coefficients;
}

/** One bit per coefficient, set when it is above the median of all 256 (bit i at byte i>>3, MSB first). */
export function hashOfGrid(grid: Float32Array): Buffer {
  const coefficients = lowFrequencies(grid);
  const sorted = Float64Array.from(coefficients).sort();
  const median = (sorted[hashBits / 2 - 1]! + sorted[hashBits / 2]!) / 2;
  const hash = Buffer.alloc(hashBytes);
  for (let i = 0; i < hashBits; i += 1) {
    if (coefficients[i]! > median) hash[i >> 3] = hash[i >> 3]! | (0x80 >> (i & 7));
  }
  return hash;
}
