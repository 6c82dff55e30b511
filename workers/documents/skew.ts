/**
 * Estimates how far a photographed document is tilted, cheaply: on a small copy, mark "ink"
 * (pixels darker than their blurred neighbourhood, so flat backgrounds and lighting gradients do
 * not count), then for each candidate angle shear the ink onto rows and keep the angle whose row
 * histogram is most peaked: text lines pile into few rows only when they are level.
 */
import sharp from 'sharp';

export interface SkewSearch {
  /** largest tilt considered either way, in degrees */
  maxDegrees: number;
  stepDegrees: number;
}

/** longest side of the copy analysed: plenty for line angles, cheap to shear */
const analysisSize = 600;
const inkMargin = 12;

/** Tilt of the text lines in degrees, positive when they descend to the right. */
export async function estimateSkewDegrees(grayscaleImage: Buffer, search: SkewSearch): Promise<number> {
  const small = sharp(grayscaleImage).resize({ width: analysisSize, height: analysisSize, fit: 'inside' }).grayscale();
  const [pixels, blurred] = await Promise.all([
    small.clone().raw().toBuffer({ resolveWithObject: true }),
    small.clone().blur(6).raw().toBuffer(),
  ]);
  const { width, height } = pixels.info;
  const inkX: number[] = [];
  const inkY: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      if ((blurred[index] ?? 0) - (pixels.data[index] ?? 0) > inkMargin) {
        inkX.push(x);
        inkY.push(y);
      }
    }
  }
  if (inkX.length === 0) return 0;
  let bestAngle = 0;
  let bestPeakedness = -1;
  const rows = new Float64Array(height + width);
  for (let angle = -search.maxDegrees; angle <= search.maxDegrees + 1e-9; angle += search.stepDegrees) {
    const slope = Math.tan((angle * Math.PI) / 180);
    rows.fill(0);
    for (let index = 0; index < inkX.length; index++) {
      const row = Math.round((inkY[index] ?? 0) - (inkX[index] ?? 0) * slope) + width;
      rows[row] = (rows[row] ?? 0) + 1;
    }
    let peakedness = 0;
    for (const count of rows) peakedness += count * count;
    // Prefer the level reading when angles tie (nothing to gain from rotating).
    if (peakedness > bestPeakedness * 1.0001 || (Math.abs(peakedness - bestPeakedness) < 1e-9 && Math.abs(angle) < Math.abs(bestAngle))) {
      bestPeakedness = peakedness;
      bestAngle = angle;
    }
  }
  return Math.round(bestAngle * 100) / 100;
}
