/**
 * A grayscale picture as a flat array of luminance values, and the two operations the hashes need
 * on it: cutting out a rectangle and area-averaging it down to a small square.
 */
export interface GrayImage {
  width: number;
  height: number;
  /** row-major luminance, 0..255 */
  pixels: Float32Array;
}

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Area-averages `region` of `image` onto a size×size grid (every source pixel weighted by how much
 * of it falls in each target cell), so no detail aliases in and the result does not depend on the
 * resampler of whoever resized the picture before us.
 */
export function resampleRegion(image: GrayImage, region: Region, size: number): Float32Array {
  const out = new Float32Array(size * size);
  const rows = axisWeights(region.top, region.height, size, image.height);
  const columns = axisWeights(region.left, region.width, size, image.width);
  for (let y = 0; y < size; y += 1) {
    const row = rows[y]!;
    for (let x = 0; x < size; x += 1) {
      const column = columns[x]!;
      let sum = 0;
      let weight = 0;
      for (let i = 0; i < row.indices.length; i += 1) {
        const offset = row.indices[i]! * image.width;
        const wy = row.weights[i]!;
        for (let j = 0; j < column.indices.length; j += 1) {
          const w = wy * column.weights[j]!;
          sum += image.pixels[offset + column.indices[j]!]! * w;
          weight += w;
        }
      }
      out[y * size + x] = weight > 0 ? sum / weight : 0;
    }
  }
  return out;
}

interface AxisCell {
  indices: number[];
  weights: number[];
}

function axisWeights(start: number, length: number, cells: number, limit: number): AxisCell[] {
  const step = length / cells;
  const result: AxisCell[] = [];
  for (let cell = 0; cell < cells; cell += 1) {
    const from = start + cell * step;
    const to = from + step;
    const indices: number[] = [];
    const weights: number[] = [];
    for (let pixel = Math.floor(from); pixel < Math.ceil(to); pixel += 1) {
      const overlap = Math.min(to, pixel + 1) - Math.max(from, pixel);
      if (overlap <= 0) continue;
      indices.push(Math.min(limit - 1, Math.max(0, pixel)));
      weights.push(overlap);
    }
    result.push({ indices, weights });
  }
  return result;
}

/** The square grid flipped left to right. */
export function mirrorGrid(grid: Float32Array, size: number): Float32Array {
  const out = new Float32Array(grid.length);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) out[y * size + x] = grid[y * size + (size - 1 - x)]!;
  }
  return out;
}
