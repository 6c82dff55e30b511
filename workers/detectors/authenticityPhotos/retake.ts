/**
 * A photo asked again: the signal every photo detector gives when it cannot judge a photo, so
 * the policy answers `retake_requested` and the check's view says which photo and why. The
 * `retake` part of the evidence is written for the buyer (no thresholds, no measures).
 */
import type { Signal } from '../../../core/signals.ts';
import type { AuthenticityPhotoKind } from '../../../core/authenticityCheck.ts';

export type RetakeReason = 'too_small' | 'too_dark' | 'blurred' | 'code_unreadable' | 'unusable';

export type RetakeRequest = {
  position: number;
  kind: AuthenticityPhotoKind;
  reason: RetakeReason;
  /** plain words for the buyer */
  message: string;
};

export function retakeSignal(
  detector: Signal['detector'],
  code: string,
  photo: { position: number; kind: AuthenticityPhotoKind },
  reason: RetakeReason,
  message: string,
  evidence: Record<string, unknown>,
): Signal {
  const retake: RetakeRequest = { position: photo.position, kind: photo.kind, reason, message };
  return { code, severity: 'low', score: 0.3, summary: message, evidence: { ...evidence, position: photo.position, kind: photo.kind, retake }, detector };
}

/** Of two reasons for one photo, the one the buyer acts on first: a blur explains an unreadable code, not the other way round. */
const REASON_ORDER: readonly RetakeReason[] = ['unusable', 'too_small', 'too_dark', 'blurred', 'code_unreadable'];

/** The retake requests among a verdict's signals, one per photo (its first reason), in photo order, whatever the signals' order. */
export function retakeRequestsOf(signals: readonly { evidence: Record<string, unknown> }[]): RetakeRequest[] {
  const byPhoto = new Map<number, RetakeRequest>();
  for (const signal of signals) {
    const retake = signal.evidence.retake as RetakeRequest | undefined;
    if (!retake || typeof retake.position !== 'number') continue;
    const kept = byPhoto.get(retake.position);
    if (!kept || REASON_ORDER.indexOf(retake.reason) < REASON_ORDER.indexOf(kept.reason)) byPhoto.set(retake.position, retake);
  }
  return [...byPhoto.values()].sort((a, b) => a.position - b.position);
}
