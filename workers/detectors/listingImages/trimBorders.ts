/**
 * Finds the picture inside uniform borders: a white frame, black letterbox or pillarbox bars, or
 * the plain studio background around a product. Each side is trimmed on its own with its own
 * colour (the edge row's median), so black bars above and below a photo come off while its left
 * and right edges stay. The same trimming runs on gallery and listing pictures, so a product shot
 * on white matches the same shot padded, framed or cropped into its white margin.
 *
 * Misses: borders with texture or a gradient (a drop shadow, a vignette) and borders that are
 * not parallel to the edges (a rotated photo's corner wedges).
 */
import type { GrayImage, Region } from './grayImage.ts';

export interface TrimSettings {
  /** a pixel belongs to the border when within this many grey levels of the border's colour */
  tolerance: number;
  /** share of a row or column's pixels that may stray (JPEG ringing, a speck of dust) */
  strayShare: number;
  /** a trim leaving less than this share of either side is refused: the picture is itself plain */
  minKeptShare: number;
}

export const defaultTrimSettings: TrimSettings = { tolerance: 18, strayShare: 0.01, minKeptShare: 0.05 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The region left after trimming uniform borders from every side (the whole picture when none). */
export function trimmedRegion(image: GrayImage, settings: TrimSettings = defaultTrimSettings): Region {
  const { width, height, pixels } = image;
  const at = (x: number, y: number) => pixels[y * width + x]!;
  const rowIsBorder = (y: number, left: number, right: number, colour: number) => {
    let strays = 0;
    const allowed = Math.floor((right - left) * settings.strayShare);
    for (let x = left; x < right; x += 1) if (Math.abs(at(x, y) - colour) > settings.tolerance && ++strays > allowed) return false;
    return true;
  };
  const columnIsBorder = (x: number, top: number, bottom: number, colour: number) => {
    let strays = 0;
    const allowed = Math.floor((bottom - top) * settings.strayShare);
    for (let y = top; y < bottom; y += 1) if (Math.abs(at(x, y) - colour) > settings.tolerance && ++strays > allowed) return false;
    return true;
  };
  const rowColour = (y: number) => median(Array.from({ length: width }, (_, x) => at(x, y)));
  const columnColour = (x: number, top: number, bottom: number) => median(Array.from({ length: bottom - top }, (_, y) => at(x, top + y)));

  let top = 0;
  let bottom = height;
  const topColour = rowColour(0);
  while (top < bottom - 1 && rowIsBorder(top, 0, width, topColour)) top += 1;
  const bottomColour = rowColour(height - 1);
  while (bottom - 1 > top && rowIsBorder(bottom - 1, 0, width, bottomColour)) bottom -= 1;
  let left = 0;
  let right = width;
  if (bottom > top) {
    const leftColour = columnColour(0, top, bottom);
    while (left < right - 1 && columnIsBorder(left, top, bottom, leftColour)) left += 1;
    const rightColour = columnColour(width - 1, top, bottom);
    while (right - 1 > left && columnIsBorder(right - 1, top, bottom, rightColour)) right -= 1;
  }
  const keptWidth = right - left;
  const keptHeight = bottom - top;
  if (keptWidth < width * settings.minKeptShare || keptHeight < height * settings.minKeptShare) return { left: 0, top: 0, width, height };
  return { left, top, width: keptWidth, height: keptHeight };
}
