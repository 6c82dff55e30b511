/** How every API shows a stored signal: the marketplace's views and the console's case page. */
import { Type, type Static } from '@sinclair/typebox';
import type { SignalRecord } from '../prisma/generated/client.ts';

export const SignalView = Type.Object({
  code: Type.String(),
  severity: Type.String(),
  score: Type.Number(),
  summary: Type.String(),
  evidence: Type.Record(Type.String(), Type.Unknown()),
  detector: Type.Object({ id: Type.String(), version: Type.String() }),
});
export type SignalView = Static<typeof SignalView>;

export const presentSignal = (signal: SignalRecord): SignalView => ({
  code: signal.code,
  severity: signal.severity,
  score: signal.score,
  summary: signal.summary,
  evidence: signal.evidence as Record<string, unknown>,
  detector: { id: signal.detectorId, version: signal.detectorVersion },
});
