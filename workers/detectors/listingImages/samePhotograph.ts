/**
 * Whether two photos are one photograph: the second a copy of the first, cropped, turned, scaled,
 * brightened or recompressed, rather than a new photo of a label of the same design.
 *
 * Why the fingerprints do not settle it: they hash the whole frame, so a crop of a few percent or a
 * turn of a few degrees moves a copy 48-82 apart from its original, where two photos of two units
 * of one label design measure 34-112 apart. Telling the two apart needs the photos aligned first.
 *
 * How: ORB features of both photos, matched (Hamming distance, Lowe's ratio test) and fitted with a
 * homography by MAGSAC++ (OpenCV's USAC; plain RANSAC's model moved enough from run to run of
 * the pairs to blur a copy's colours by a point); the second photo is warped onto the first and the two are compared over
 * their whole overlap, background included, in CIE Lab at 160x120. A copy agrees everywhere: the
 * lightness correlates (any brightening or contrast change aside) and the colours, once each
 * channel's mean is taken out (a uniform tint aside), differ by a point or two. A new photo of the
 * same design agrees on the label's print only; its background, light and shadows are its own, and
 * its colours move by several points even where the lightness happens to correlate.
 *
 * OpenCV's WebAssembly build (`@techstark/opencv-js`) does the feature work: ORB, the matcher and
 * the robust fit are its tested implementations; nothing of it is written here. It loads once per process
 * (about half a second), on first use.
 *
 * Misses: a copy cropped to under half of its original, or turned so far that ORB finds too few
 * shared features (under `minInliers`); a copy recoloured unevenly (a filter); a new photo taken so
 * like the first (same background, light and framing) that only the print differs, which is then
 * taken for a copy. Black-and-white photos rest on the lightness alone.
 */
import { createRequire } from 'node:module';
import sharp from 'sharp';

export interface SamePhotographSettings {
  /** both photos are read at most this many pixels on their longer side */
  maxSide: number;
  /** ORB features kept per photo */
  features: number;
  /** Lowe's ratio: a match is kept when its distance is under this share of the second best's */
  ratio: number;
  /** the robust fit's largest reprojection error for an inlier, pixels at `maxSide` */
  maxReprojectionPixels: number;
  /** matches the fit keeps: fewer is no alignment */
  minInliers: number;
  /** the share of the first photo the warped second covers: less is too little to compare */
  minOverlap: number;
  /** lightness correlation over the overlap: at least this for one photograph */
  minLightnessCorrelation: number;
  /** mean absolute difference of the two colour channels (Lab a and b, 0-255, each centred on its mean): at most this for one photograph */
  maxChromaDifference: number;
  /** the share of the overlap set aside as differing most before the two are compared */
  outlierShare: number;
  /** the aligned photos are compared at this width (and three quarters of it high): small enough that a pixel's misalignment does not count */
  compareWidth: number;
  /** pixels decoded from either photo at most (sharp's input limit) */
  maxPixels: number;
}

/**
 * Set on the tune part of the authenticity set's label photos (9 copies of another order's photo,
 * 8 clones photographed anew that aligned, 16 pairs of two units of one design that aligned):
 * copies measured lightness 0.997-1.0 and colour 0-0.9; the others colour 2.1 and above, and the
 * two under 3.0 lightness 0.94 and 0.87. Lightness alone tells nothing: a new photo of the same
 * label reached 0.996 with its colours 10 apart. The test's harsher copy (quality 72, brightened,
 * corners filled) measured 0.97 and 1.8.
 */
export const defaultSamePhotographSettings: SamePhotographSettings = {
  maxSide: 480,
  features: 1000,
  ratio: 0.75,
  maxReprojectionPixels: 4,
  minInliers: 20,
  minOverlap: 0.5,
  minLightnessCorrelation: 0.96,
  maxChromaDifference: 2,
  compareWidth: 160,
  outlierShare: 0.1,
  maxPixels: 40_000_000,
};

export interface PhotographComparison {
  same: boolean;
  /** matches consistent with one homography */
  inliers: number;
  /** share of the first photo covered by the second once aligned (0 when not aligned) */
  overlap: number;
  /** share of the first photo inside the convex hull of the agreeing features (0 when not aligned) */
  inlierSpread: number;
  /** null when not aligned */
  lightnessCorrelation: number | null;
  chromaDifference: number | null;
}

// opencv.js has no type declarations worth the name: the few calls used here are typed by hand
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OpenCv = any;
let openCv: Promise<{ cv: OpenCv }> | undefined;

/**
 * The OpenCV runtime, loaded on first use. Its module object is an Emscripten module, which is
 * thenable and resolves to itself: awaited, returned from an async function or reached through a
 * dynamic import's namespace it never settles. So it is required (synchronously), only ever
 * passed around wrapped, and its initialisation is waited for by its callback.
 */
function loadOpenCv(): Promise<{ cv: OpenCv }> {
  openCv ??= new Promise((resolve) => {
    const cv: OpenCv = createRequire(import.meta.url)('@techstark/opencv-js');
    if (cv.Mat) resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
  return openCv;
}

interface Decoded {
  rgb: Buffer;
  width: number;
  height: number;
}

async function decode(bytes: Buffer, settings: SamePhotographSettings): Promise<Decoded> {
  const { data, info } = await sharp(bytes, { limitInputPixels: settings.maxPixels })
    .rotate()
    .removeAlpha()
    .toColourspace('srgb')
    .resize({ width: settings.maxSide, height: settings.maxSide, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { rgb: data, width: info.width, height: info.height };
}

/** Compares `copy` with `original` (either may be the later photo: the test is symmetric in what it finds, not in its cost). */
export async function comparePhotographs(original: Buffer, copy: Buffer, settings: SamePhotographSettings = defaultSamePhotographSettings): Promise<PhotographComparison> {
  const [{ cv }, first, second] = await Promise.all([loadOpenCv(), decode(original, settings), decode(copy, settings)]);
  // every Mat lives in the WebAssembly heap until deleted: all of them go in `owned`
  const owned: { delete(): void }[] = [];
  const own = <T extends { delete(): void }>(value: T): T => {
    owned.push(value);
    return value;
  };
  try {
    const colourOf = (image: Decoded) => {
      const mat = own(new cv.Mat(image.height, image.width, cv.CV_8UC3));
      mat.data.set(image.rgb);
      return mat;
    };
    const greyOf = (colour: OpenCv) => {
      const grey = own(new cv.Mat());
      cv.cvtColor(colour, grey, cv.COLOR_RGB2GRAY);
      return grey;
    };
    const colourA = colourOf(first);
    const colourB = colourOf(second);
    const greyA = greyOf(colourA);
    const greyB = greyOf(colourB);

    const orb = own(new cv.ORB(settings.features));
    const noMask = own(new cv.Mat());
    const keysA = own(new cv.KeyPointVector());
    const keysB = own(new cv.KeyPointVector());
    const descA = own(new cv.Mat());
    const descB = own(new cv.Mat());
    orb.detectAndCompute(greyA, noMask, keysA, descA);
    orb.detectAndCompute(greyB, noMask, keysB, descB);
    const notAligned: PhotographComparison = { same: false, inliers: 0, overlap: 0, inlierSpread: 0, lightnessCorrelation: null, chromaDifference: null };
    if (descA.rows < 2 || descB.rows < 2) return notAligned;

    const matcher = own(new cv.BFMatcher(cv.NORM_HAMMING, false));
    const pairs = own(new cv.DMatchVectorVector());
    matcher.knnMatch(descB, descA, pairs, 2);
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < pairs.size(); i++) {
      const candidates = pairs.get(i);
      if (candidates.size() < 2) continue;
      const best = candidates.get(0);
      if (best.distance >= settings.ratio * candidates.get(1).distance) continue;
      const p = keysB.get(best.queryIdx).pt;
      const q = keysA.get(best.trainIdx).pt;
      from.push(p.x, p.y);
      to.push(q.x, q.y);
    }
    if (from.length / 2 < settings.minInliers) return { ...notAligned, inliers: 0 };

    const source = own(cv.matFromArray(from.length / 2, 1, cv.CV_32FC2, from));
    const target = own(cv.matFromArray(to.length / 2, 1, cv.CV_32FC2, to));
    const inlierMask = own(new cv.Mat());
    const homography = own(cv.findHomography(source, target, cv.USAC_MAGSAC, settings.maxReprojectionPixels, inlierMask));
    const kept: number[] = [];
    for (let i = 0; i < inlierMask.rows; i++) if (inlierMask.data[i]) kept.push(to[i * 2]!, to[i * 2 + 1]!);
    const inliers = kept.length / 2;
    if (homography.empty() || inliers < settings.minInliers) return { ...notAligned, inliers };
    // how much of the first photo the agreeing features span: a copy's spread over the whole
    // picture, a new photo's over the print it shares (a logo, a label) only
    const hull = own(new cv.Mat());
    cv.convexHull(own(cv.matFromArray(inliers, 1, cv.CV_32FC2, kept)), hull, false, true);
    const inlierSpread = Math.round((cv.contourArea(hull) / (colourA.cols * colourA.rows)) * 1000) / 1000;

    const size = new cv.Size(colourA.cols, colourA.rows);
    const warped = own(new cv.Mat());
    cv.warpPerspective(colourB, warped, homography, size, cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(0, 0, 0, 0));
    const fullB = own(new cv.Mat(colourB.rows, colourB.cols, cv.CV_8UC1, new cv.Scalar(255)));
    const coverage = own(new cv.Mat());
    cv.warpPerspective(fullB, coverage, homography, size, cv.INTER_NEAREST, cv.BORDER_CONSTANT, new cv.Scalar(0));

    const comparedSize = new cv.Size(settings.compareWidth, Math.round((settings.compareWidth * 3) / 4));
    const labOf = (colour: OpenCv) => {
      const small = own(new cv.Mat());
      cv.resize(colour, small, comparedSize, 0, 0, cv.INTER_AREA);
      const lab = own(new cv.Mat());
      cv.cvtColor(small, lab, cv.COLOR_RGB2Lab);
      return lab.data as Uint8Array;
    };
    const labA = labOf(colourA);
    const labB = labOf(warped);
    const smallCoverage = own(new cv.Mat());
    cv.resize(coverage, smallCoverage, comparedSize, 0, 0, cv.INTER_NEAREST);
    const inside = smallCoverage.data as Uint8Array;
    const covered: number[] = [];
    for (let i = 0; i < inside.length; i++) if (inside[i] === 255) covered.push(i);
    const overlap = covered.length / inside.length;
    if (overlap < settings.minOverlap) return { same: false, inliers, overlap, inlierSpread, lightnessCorrelation: null, chromaDifference: null };

    // the pixels that differ most are set aside: a copy's filled corners (turned without cropping),
    // a sticker or a caption added over it; a new photo differs over its whole background
    const meanOf = (lab: Uint8Array, pixels: readonly number[], c: number) => pixels.reduce((sum, i) => sum + lab[i * 3 + c]!, 0) / pixels.length;
    const means = [0, 1, 2].map((c) => [meanOf(labA, covered, c), meanOf(labB, covered, c)] as const);
    const offBy = (i: number) => means.reduce((sum, [meanA, meanB], c) => sum + Math.abs(labA[i * 3 + c]! - meanA - (labB[i * 3 + c]! - meanB)), 0);
    const compared = covered
      .map((i) => ({ i, off: offBy(i) }))
      .sort((x, y) => x.off - y.off)
      .slice(0, Math.ceil(covered.length * (1 - settings.outlierShare)))
      .map(({ i }) => i);

    const channel = (c: number) => {
      const meanA = meanOf(labA, compared, c);
      const meanB = meanOf(labB, compared, c);
      let product = 0;
      let varianceA = 0;
      let varianceB = 0;
      let difference = 0;
      for (const i of compared) {
        const a = labA[i * 3 + c]! - meanA;
        const b = labB[i * 3 + c]! - meanB;
        product += a * b;
        varianceA += a * a;
        varianceB += b * b;
        difference += Math.abs(a - b);
      }
      const correlation = varianceA > 0 && varianceB > 0 ? product / Math.sqrt(varianceA * varianceB) : varianceA === varianceB ? 1 : 0;
      return { correlation, difference: difference / compared.length };
    };
    const lightness = channel(0);
    const chromaDifference = Math.max(channel(1).difference, channel(2).difference);
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return {
      same: lightness.correlation >= settings.minLightnessCorrelation && chromaDifference <= settings.maxChromaDifference,
      inliers,
      overlap: round(overlap),
      inlierSpread,
      lightnessCorrelation: round(lightness.correlation),
      chromaDifference: round(chromaDifference),
    };
  } finally {
    for (const value of owned) value.delete();
  }
}
