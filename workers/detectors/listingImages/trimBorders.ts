/**
 * Finds the picture inside uniform borders: a white frame, black letterbox or pillarbox bars, or
 * the plain studio background around a product. Each side is trimmed on its own with its own
 * colour (the edge row's median), so black bars above and below a photo come off while its left
 * and right edges stay. The same trimming runs on gallery and listing pictures, so a product shot
 * on white matches the same shot padded, framed or cropped into its white margin.
 *
 * `coreRegion` goes further for copies edited several ways at once: it trims until nothing more
 * comes off (a frame around a plain studio background comes off with the background, so a framed
 * copy and the original settle on the same region) and cuts a caption band or banner laid across
 * the whole width at the top or bottom, which would otherwise stop the trimming of the other sides.
 *
 * Misses: borders with texture or a gradient (a drop shadow, a vignette) and borders that are
 * not parallel to the edges (a rotated photo's corner wedges). Settling eats smooth gradients
 * further than one round does, so it is an extra region, not the trimmed one.
 */
import type { GrayImage, Region } from './grayImage.ts';

export interface TrimSettings {
  /** a pixel belongs to the border when within this many grey levels of the border's colour */
  tolerance: number;
  /** share of a row or column's pixels that may stray (JPEG ringing, a speck of dust) */
  strayShare: number;
  /** a trim leaving less than this share of either side is refused: the picture is itself plain */
  minKeptShare: number;
  /**
   * settling stops before a round that would leave less than this share of the picture's width or
   * height: on a gradient each round's 5% floor applies to what the last one left, and the core
   * shrank to a pixel, whose hash is the same for every picture it happens to (a plain grid).
   * 0.1 on the tune split: the smallest floor tried, which changed no match there; 0.2 brought an
   * unrelated picture 8 bits nearer.
   */
  minSettledShare: number;
}

export const defaultTrimSettings: TrimSettings = { tolerance: 18, strayShare: 0.01, minKeptShare: 0.05, minSettledShare: 0.1 };

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

const sameRegion = (a: Region, b: Region) => a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;

/** Trims round after round (each with the colours of the new edges) until nothing more comes off. */
export function settledRegion(image: GrayImage, settings: TrimSettings = defaultTrimSettings, within?: Region): Region {
  let region = within ?? { left: 0, top: 0, width: image.width, height: image.height };
  // Each round takes at least a line or stops, so this only bounds the work on a pathological picture.
  for (let round = 0; round < 32; round += 1) {
    const next = trimmedRegion(image, settings, region);
    if (sameRegion(next, region) || next.width < image.width * settings.minSettledShare || next.height < image.height * settings.minSettledShare) break;
    region = next;
  }
  return region;
}

export interface BandSettings {
  /** a band is at most this share of the region's height */
  maxShare: number;
  /** share of the columns that must change across the band's edge */
  minEdgeShare: number;
  /** a column changes when its grey level differs by more than this between two rows apart */
  tolerance: number;
  /** inside the band, next to its edge, at most this share of the columns may change */
  calmShare: number;
}

/**
 * `minEdgeShare` chosen on the tune split of `npm run eval:listing-images` (0.8 lost a bannered copy
 * whose banner hid a dark product of the same grey); `calmShare` keeps fine texture from passing
 * for a band and changed no figure there.
 */
export const defaultBandSettings: BandSettings = { maxShare: 0.25, minEdgeShare: 0.6, tolerance: 18, calmShare: 0.3 };

/**
 * The row where a band laid across the whole width along the `side` of `region` begins (the
 * banner's inner edge: its first row on the bottom side, the first row below it on the top side),
 * or null. The edge is looked for between rows two apart, since resizing and JPEG spread it over
 * two, and the band's own rows next to it must be calm (a banner's margin above or below its
 * lettering), so fine texture, which changes from row to row everywhere, is no edge; of several
 * edges, the one furthest from the side, so a banner with a stripe or a frame line under it comes
 * off whole.
 */
export function bandEdge(image: GrayImage, region: Region, side: 'top' | 'bottom', settings: BandSettings = defaultBandSettings): number | null {
  const { width, pixels } = image;
  const limit = Math.floor(region.height * settings.maxShare);
  /** columns whose grey level differs by more than the tolerance between rows `a` and `b` */
  const changes = (a: number, b: number) => {
    let changed = 0;
    for (let x = region.left; x < region.left + region.width; x += 1) if (Math.abs(pixels[a * width + x]! - pixels[b * width + x]!) > settings.tolerance) changed += 1;
    return changed;
  };
  let found: number | null = null;
  for (let depth = 5; depth <= limit; depth += 1) {
    const y = side === 'bottom' ? region.top + region.height - depth : region.top + depth;
    if (changes(y, y - 2) < region.width * settings.minEdgeShare) continue;
    const calm = side === 'bottom' ? changes(y + 2, y) : changes(y - 2, y - 4);
    if (calm <= region.width * settings.calmShare) found = y;
  }
  return found;
}

/** The settled region less any full-width band along its top or bottom, settled again. */
export function coreRegion(image: GrayImage, settings: TrimSettings = defaultTrimSettings, bands: BandSettings = defaultBandSettings): Region {
  const settled = settledRegion(image, settings);
  let region = settled;
  const bottom = bandEdge(image, region, 'bottom', bands);
  if (bottom !== null) region = { ...region, height: bottom - region.top };
  const top = bandEdge(image, region, 'top', bands);
  if (top !== null) region = { ...region, top, height: region.top + region.height - top };
  return region === settled ? settled : settledRegion(image, settings, region);
}
