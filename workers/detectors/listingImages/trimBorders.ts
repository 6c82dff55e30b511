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

/**
 * The region of `within` (the whole picture by default) left after trimming uniform borders from
 * every side, in one round: a second round (for a frame around an off-white studio background)
 * made trimming unstable on gradients, which it then eats row by row, and lost recall.
 */
export function trimmedRegion(image: GrayImage, settings: TrimSettings = defaultTrimSettings, within?: Region): Region {
  const { width, pixels } = image;
  const at = (x: number, y: number) => pixels[y * width + x]!;
  const lineColour = (count: number, value: (i: number) => number) => median(Array.from({ length: count }, (_, i) => value(i)));
  const lineIsBorder = (count: number, value: (i: number) => number, colour: number) => {
    let strays = 0;
    const allowed = Math.floor(count * settings.strayShare);
    for (let i = 0; i < count; i += 1) if (Math.abs(value(i) - colour) > settings.tolerance && ++strays > allowed) return false;
    return true;
  };
  const start = within ?? { left: 0, top: 0, width: image.width, height: image.height };
  let left = Math.round(start.left);
  let top = Math.round(start.top);
  let right = Math.round(start.left + start.width);
  let bottom = Math.round(start.top + start.height);
  const fullWidth = right - left;
  const fullHeight = bottom - top;
  const row = (y: number) => (i: number) => at(left + i, y);
  const column = (x: number) => (i: number) => at(x, top + i);
  const topColour = lineColour(right - left, row(top));
  while (top < bottom - 1 && lineIsBorder(right - left, row(top), topColour)) top += 1;
  const bottomColour = lineColour(right - left, row(bottom - 1));
  while (bottom - 1 > top && lineIsBorder(right - left, row(bottom - 1), bottomColour)) bottom -= 1;
  const leftColour = lineColour(bottom - top, column(left));
  while (left < right - 1 && lineIsBorder(bottom - top, column(left), leftColour)) left += 1;
  const rightColour = lineColour(bottom - top, column(right - 1));
  while (right - 1 > left && lineIsBorder(bottom - top, column(right - 1), rightColour)) right -= 1;
  if (right - left < fullWidth * settings.minKeptShare || bottom - top < fullHeight * settings.minKeptShare) return start;
  return { left, top, width: right - left, height: bottom - top };
}
