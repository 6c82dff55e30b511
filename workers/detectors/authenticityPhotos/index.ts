/** Detectors of a buyer's authenticity photos: quality gate, codes read from them, gallery matches, reuse and the label's words. */
export { readCodesInPhoto, type PhotoCode } from './codeReader.ts';
export { defaultQualityThresholds, measurePhoto, photoQualitySignals, type MeasuredPhoto, type PhotoMeasures, type QualityThresholds } from './photoQuality.ts';
export { photoCodeSignals, type PhotoWithCodes } from './photoCodes.ts';
export { codesCopiedFromChecks, confirmReusedPhotos, copiesOfSameCodePhotos, findReusedPhotos, photoGallerySignals, photoReuseSignals, type ComparedPhoto, type EarlierPhoto, type MatchedPhoto, type ReusedPhoto, type SameCodePhoto, type UnitCode } from './photoMatches.ts';
export { retakeRequestsOf, retakeSignal, type RetakeReason, type RetakeRequest } from './retake.ts';
export { labelBatches, labelTextSignals, type LabelText, type LabelTextInput } from './labelText.ts';
