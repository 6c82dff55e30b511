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
 * The summed-area table of `image` with one extra row and column of zeros:
 * table[y·(w+1) + x] = sum of pixels above and left of (x, y).
 */
export function summedArea(image: GrayImage): Float64Array {
  const stride = image.width + 1;
  const table = new Float64Array(stride * (image.height + 1));
  for (let y = 0; y < image.height; y += 1) {
    let row = 0;
    for (let x = 0; x < image.width; x += 1) {
      row += image.pixels[y * image.width + x]!;
      table[(y + 1) * stride + x + 1] = table[y * stride + x + 1]! + row;
    }
  }
  return table;
}

/**
 * Area-averages `region` of `image` onto a size×size grid: every source pixel is weighted by how
 * much of it falls in each target cell, so no detail aliases in and the result does not depend on
 * the resampler of whoever resized the picture before us. The integral of a picture made of
 * constant squares is bilinear between the corners of the summed-area table, so each cell costs
 * four look-ups whatever its size (`table` from `summedArea`).
 */
export function resampleRegion(image: GrayImage, region: Region, size: number, table: Float64Array = summedArea(image)): Float32Array {
  const stride = image.width + 1;
  const integral = (x: number, y: number) => {
    const cx = Math.min(image.width, Math.max(0, x));
    const cy = Math.min(image.height, Math.max(0, y));
    const x0 = Math.min(image.width - 1, Math.floor(cx));
    const y0 = Math.min(image.height - 1, Math.floor(cy));
    const fx = cx - x0;
    const fy = cy - y0;
    const a = table[y0 * stride + x0]!;
    const b = table[y0 * stride + x0 + 1]!;
    const c = table[(y0 + 1) * stride + x0]!;
    const d = table[(y0 + 1) * stride + x0 + 1]!;
    return a * (1 - fx) * (1 - fy) + b * fx * (1 - fy) + c * (1 - fx) * fy + d * fx * fy;
  };
  const xs = Array.from({ length: size + 1 }, (_, i) => region.left + (region.width * i) / size);
  const ys = Array.from({ length: size + 1 }, (_, i) => region.top + (region.height * i) / size);
  const corners = new Float64Array((size + 1) * (size + 1));
  for (let j = 0; j <= size; j += 1) for (let i = 0; i <= size; i += 1) corners[j * (size + 1) + i] = integral(xs[i]!, ys[j]!);
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const area = (xs[x + 1]! - xs[x]!) * (ys[y + 1]! - ys[y]!);
      const sum = corners[(y + 1) * (size + 1) + x + 1]! - corners[y * (size + 1) + x + 1]! - corners[(y + 1) * (size + 1) + x]! + corners[y * (size + 1) + x]!;
      out[y * size + x] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}

/** The square grid flipped left to right. */
export function mirrorGrid(grid: Float32Array, size: number): Float32Array {
  const out = new Float32Array(grid.length);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) out[y * size + x] = grid[y * size + (size - 1 - x)]!;
  }
  return out;
}

/**
 * `region` of the picture turned by `degrees` about the picture's centre, on a size×size grid.
 * `fine` is the whole picture area-averaged onto a (2·size)² grid (`resampleRegion`), so nothing
 * aliases; it is sampled bilinearly at twice the output resolution and averaged down. The turn is
 * made in pixel space, so a wide picture turns as a tilted copy of it does, not sheared; outside
 * the picture the edge repeats.
 */
export function rotatedRegion(fine: Float32Array, picture: { width: number; height: number }, region: Region, size: number, degrees: number): Float32Array {
  const side = size * 2;
  const cos = Math.cos((degrees * Math.PI) / 180);
  const sin = Math.sin((degrees * Math.PI) / 180);
  const cx = picture.width / 2;
  const cy = picture.height / 2;
  const at = (x: number, y: number) => fine[Math.min(side - 1, Math.max(0, y)) * side + Math.min(side - 1, Math.max(0, x))]!;
  const out = new Float32Array(size * size);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const dx = region.left + ((x + 0.5) / side) * region.width - cx;
      const dy = region.top + ((y + 0.5) / side) * region.height - cy;
      // the point of the picture that lands here, in the fine grid's cells
      const sx = ((cos * dx - sin * dy + cx) / picture.width) * side - 0.5;
      const sy = ((sin * dx + cos * dy + cy) / picture.height) * side - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const value = at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy) + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy;
      out[(y >> 1) * size + (x >> 1)]! += value / 4;
    }
  }
  return out;
}
