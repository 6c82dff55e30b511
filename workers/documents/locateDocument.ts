/**
 * Finds the document in a photo by its structure rather than its position: an identity card or
 * passport page is a bright, evenly lit rectangle, usually on a darker or busier surface. On a
 * small blurred copy, an Otsu threshold splits bright from dark; the rows and columns mostly
 * bright bound the card. The crop is then cleaned: whatever stays dark after a wide blur (the
 * surface showing through the card's rounded corners, a dark table beside the MRZ) is painted
 * white, so OCR does not read it as characters at the ends of MRZ lines.
 */
import sharp from 'sharp';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const analysisWidth = 400;
/** a row or column belongs to the card when this share of it is bright */
const cardShare = 0.3;
/** ...or when this share is, next to rows or columns that do (the card's photo, its MRZ) */
const cardEdgeShare = 0.1;
/** darker stretches inside the card (a dense MRZ once blurred) up to this share of the frame are bridged */
const cardGap = 0.06;
/** bright and dark classes closer than this (0-255) are one surface: nothing to separate */
const minimumContrast = 30;

/** Otsu's threshold of an 8-bit histogram, with the two class means. */
export function otsu(values: Uint8Array | Buffer): { threshold: number; darkMean: number; brightMean: number } {
  const histogram = new Float64Array(256);
  for (const value of values) histogram[value] = (histogram[value] ?? 0) + 1;
  const total = values.length;
  let sum = 0;
  for (let level = 0; level < 256; level++) sum += level * (histogram[level] ?? 0);
  let darkWeight = 0;
  let darkSum = 0;
  let best = { threshold: 128, variance: -1, darkMean: 0, brightMean: 255 };
  for (let level = 0; level < 256; level++) {
    darkWeight += histogram[level] ?? 0;
    darkSum += level * (histogram[level] ?? 0);
    const brightWeight = total - darkWeight;
    if (darkWeight === 0 || brightWeight === 0) continue;
    const darkMean = darkSum / darkWeight;
    const brightMean = (sum - darkSum) / brightWeight;
    const variance = darkWeight * brightWeight * (darkMean - brightMean) ** 2;
    if (variance > best.variance) best = { threshold: level, variance, darkMean, brightMean };
  }
  return best;
}

/** how far below the threshold the frame's border must be to count as a darker surface */
const borderMargin = 10;

/** Mean of the outermost 3% of the frame on every side. */
function borderMean(data: Buffer, width: number, height: number): number {
  const ring = Math.max(1, Math.round(0.03 * Math.min(width, height)));
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= ring && x < width - ring && y >= ring && y < height - ring) continue;
      sum += data[y * width + x] ?? 0;
      count++;
    }
  }
  return count === 0 ? 255 : sum / count;
}

/**
 * The card's rows or columns: runs of shares of at least `cardEdgeShare`, joined across gaps
 * narrower than `cardGap` of the length, and holding at least one share of `cardShare`
 * (hysteresis); the longest wins. A column through the card's photo is mostly dark but never as
 * bare as a column of surface, and the rows of a dense MRZ may all read dark once blurred, but
 * only for a short stretch: the surface beside a card is wider than that.
 */
function cardRun(shares: Float64Array): { start: number; end: number } {
  const maxGap = Math.max(1, Math.round(cardGap * shares.length));
  const segments: { start: number; end: number; seeded: boolean }[] = [];
  let start = -1;
  let seeded = false;
  for (let index = 0; index <= shares.length; index++) {
    const share = index < shares.length ? (shares[index] ?? 0) : 0;
    if (share >= cardEdgeShare) {
      if (start < 0) start = index;
      if (share >= cardShare) seeded = true;
      continue;
    }
    if (start >= 0) {
      const previous = segments.at(-1);
      if (previous && start - previous.end < maxGap) {
        previous.end = index;
        previous.seeded ||= seeded;
      } else segments.push({ start, end: index, seeded });
    }
    start = -1;
    seeded = false;
  }
  return segments.filter((segment) => segment.seeded).reduce((best, segment) => (segment.end - segment.start > best.end - best.start ? segment : best), { start: 0, end: 0 });
}

/** Where the card lies in a grayscale image of `width` x `height`, or null when it cannot be told apart. */
export async function locateCard(gray: Buffer, width: number, height: number): Promise<{ box: Box; threshold: number; cardLevel: number } | null> {
  const scale = Math.min(1, analysisWidth / width);
  const { data, info } = await sharp(gray).resize({ width: Math.max(1, Math.round(width * scale)) }).blur(1.5).grayscale().raw().toBuffer({ resolveWithObject: true });
  const split = otsu(data);
  if (split.brightMean - split.darkMean < minimumContrast) return null;
  // The dark class must be the surface, not the card's own print: the frame's border shows
  // the surface, so it has to fall on the dark side. A card on a white desk is left uncropped.
  if (borderMean(data, info.width, info.height) > split.threshold - borderMargin) return null;
  const bright = (x: number, y: number) => (data[y * info.width + x] ?? 0) > split.threshold;
  // Shares of bright pixels per row over the columns in `across`, and per column over the rows in
  // `down`. The first pass counts over the whole frame; later ones only over the card's extent
  // found so far, so the card's own dark parts (the photo, the MRZ band) cannot push a column of
  // the card below the share a column of surface has: on a small card, a column through its photo
  // is mostly surface when counted over the whole frame height.
  const rowShares = (across: { start: number; end: number }) => {
    const shares = new Float64Array(info.height);
    for (let y = 0; y < info.height; y++) {
      let count = 0;
      for (let x = across.start; x < across.end; x++) if (bright(x, y)) count++;
      shares[y] = count / Math.max(1, across.end - across.start);
    }
    return shares;
  };
  const columnShares = (down: { start: number; end: number }) => {
    const shares = new Float64Array(info.width);
    for (let x = 0; x < info.width; x++) {
      let count = 0;
      for (let y = down.start; y < down.end; y++) if (bright(x, y)) count++;
      shares[x] = count / Math.max(1, down.end - down.start);
    }
    return shares;
  };
  const frameRows = cardRun(rowShares({ start: 0, end: info.width }));
  const horizontal = cardRun(columnShares(frameRows));
  const vertical = cardRun(rowShares(horizontal));
  const boxShare = ((vertical.end - vertical.start) * (horizontal.end - horizontal.start)) / (info.width * info.height);
  // A sliver is not a card; and if it fills the frame there is nothing to crop.
  if (boxShare < 0.08 || boxShare > 0.97) return null;
  const margin = Math.round(0.03 * info.width);
  const left = Math.max(0, horizontal.start - margin);
  const top = Math.max(0, vertical.start - margin);
  const right = Math.min(info.width, horizontal.end + margin);
  const bottom = Math.min(info.height, vertical.end + margin);
  const box = { left: Math.floor(left / scale), top: Math.floor(top / scale), width: Math.floor((right - left) / scale), height: Math.floor((bottom - top) / scale) };
  box.width = Math.min(box.width, width - box.left);
  box.height = Math.min(box.height, height - box.top);
  return { box, threshold: split.threshold, cardLevel: Math.round(split.brightMean) };
}

/**
 * Paints over the surface around the card: pixels that stay darker than `threshold` after a
 * blur and are connected to the crop's border (flood fill), so ink inside the card is never
 * touched, however dark the MRZ looks once blurred.
 */
export async function whitenSurface(gray: Buffer, threshold: number, cardLevel: number): Promise<Buffer> {
  const image = sharp(gray).grayscale();
  const [{ data, info }, blurred] = await Promise.all([image.clone().raw().toBuffer({ resolveWithObject: true }), image.clone().blur(4).raw().toBuffer()]);
  const { width, height } = info;
  const surface = new Uint8Array(width * height);
  const stack: number[] = [];
  const visit = (index: number) => {
    if (surface[index] === 0 && (blurred[index] ?? 255) < threshold) {
      surface[index] = 1;
      stack.push(index);
    }
  };
  for (let x = 0; x < width; x++) {
    visit(x);
    visit((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    visit(y * width);
    visit(y * width + width - 1);
  }
  while (stack.length > 0) {
    const index = stack.pop() ?? 0;
    const x = index % width;
    if (x > 0) visit(index - 1);
    if (x < width - 1) visit(index + 1);
    if (index >= width) visit(index - width);
    if (index < (height - 1) * width) visit(index + width);
  }
  const cleaned = Buffer.from(data);
  // Painted the card's own level, not white: a white surround would become the brightest
  // thing in the picture and the contrast stretch would grey the card out.
  for (let index = 0; index < cleaned.length; index++) if (surface[index]) cleaned[index] = cardLevel;
  return await sharp(cleaned, { raw: { width, height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer();
}
