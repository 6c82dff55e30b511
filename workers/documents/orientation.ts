/**
 * Which way up to try a photo first. Upload pipelines and screenshots strip EXIF orientation, so
 * a card photographed sideways or upside down arrives as pixels turned 90, 180 or 270 degrees.
 * Every quarter turn is tried in the end (the one whose MRZ validates wins); this only orders
 * them: text lines run along the long side of a card, so if ink piles into columns rather than
 * rows, the sideways turns come first.
 */
import sharp from 'sharp';

export type QuarterTurns = 0 | 1 | 2 | 3;

const analysisSize = 300;
const inkMargin = 12;

/** Sum of squares of a histogram over the square of its total: high when counts pile up. */
function peakedness(counts: Float64Array): number {
  let total = 0;
  let squares = 0;
  for (const count of counts) {
    total += count;
    squares += count * count;
  }
  return total === 0 ? 0 : squares / (total * total);
}

/** Whether the text in a grayscale image runs vertically (the image is turned sideways). */
export async function textRunsVertically(gray: Buffer): Promise<boolean> {
  // Stretched first: on a washed-out photo the ink would otherwise not stand out of its blur.
  const small = sharp(gray).resize({ width: analysisSize, height: analysisSize, fit: 'inside' }).grayscale().normalise({ lower: 1, upper: 99 });
  const [{ data, info }, blurred] = await Promise.all([small.clone().raw().toBuffer({ resolveWithObject: true }), small.clone().blur(4).raw().toBuffer()]);
  const rows = new Float64Array(info.height);
  const columns = new Float64Array(info.width);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const index = y * info.width + x;
      if ((blurred[index] ?? 0) - (data[index] ?? 0) > inkMargin) {
        rows[y] = (rows[y] ?? 0) + 1;
        columns[x] = (columns[x] ?? 0) + 1;
      }
    }
  }
  // Normalised by length, so a tall image's longer histogram is not favoured.
  return peakedness(columns) * info.width > peakedness(rows) * info.height;
}

/** The quarter turns (clockwise) to try, most likely first. */
export function turnOrder(sideways: boolean): QuarterTurns[] {
  return sideways ? [1, 3, 0, 2] : [0, 2, 1, 3];
}
