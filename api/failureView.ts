import { Type } from '@sinclair/typebox';
import { FAILURE_REASONS } from '../core/capability.ts';

/** Why a vetting or screening could not finish: the same shape for every capability (core/capability.ts `failureView`). */
export const FailureView = Type.Union(
  [
    Type.Object({
      reason: Type.String({ description: `a stable code: ${FAILURE_REASONS.join(', ')}` }),
      detail: Type.Union([Type.String(), Type.Null()], { description: 'what went wrong, for an operator (activity and failure types, Temporal’s message; no personal data)' }),
      failedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
    Type.Null(),
  ],
  { description: 'set when status is failed; the subject may then be sent again' },
);
