/** The console's view of a batch of any capability and of one of its subjects (api/routes/admin/batches/). */
import { Type, type TSchema } from '@sinclair/typebox';
import { FailureView } from '../../../failureView.ts';
import { FilterUuid } from '../../../listQuery.ts';
import { IdFilter } from '../ids.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const BATCH_STATUSES = ['running', 'completed', 'failed'] as const;

export const RejectedLine = Type.Object({
  id: Type.Integer({ description: 'the line number, as react-admin keys rows' }),
  line: Type.Integer(),
  code: Type.Optional(Type.String()),
  errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
});

/** Where a batch's subjects stand; only on a single batch (counting is a pass over its subjects). */
export const BatchCounts = Type.Object({
  refused: Type.Integer({ description: 'lines refused at upload' }),
  verdicts: Type.Record(Type.String(), Type.Integer(), { description: 'subjects completed, by final verdict' }),
  awaitingReview: Type.Integer({ description: 'escalated, waiting for a moderator' }),
  failed: Type.Integer({ description: 'subjects that could not be screened' }),
  pending: Type.Integer({ description: 'not screened yet' }),
});

export const ConsoleBatch = Type.Object({
  id: Type.String(),
  subjectType: Type.String({ description: 'whose lines: listing_screening, content_screening, …' }),
  subjectLabel: Type.String({ description: 'the capability, in words' }),
  tenantId: Type.String(),
  marketplace: Type.String(),
  status: Type.String({ description: BATCH_STATUSES.join(', ') }),
  total: Type.Integer({ description: 'lines in the upload' }),
  done: Type.Integer(),
  failed: Type.Integer(),
  refused: Type.Integer(),
  rejectedLines: Type.Array(RejectedLine, { description: 'the first 100 refused lines with their errors' }),
  counts: Nullable(BatchCounts),
  failure: FailureView,
  workflowId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const BatchResult = Type.Object({
  id: Type.String({ description: 'the subject (its screening)' }),
  batchId: Type.String(),
  subjectType: Type.String(),
  line: Type.Integer({ description: 'line of the upload' }),
  reference: Type.String({ description: 'the marketplace’s id of what was screened (a listing, a post)' }),
  owner: Nullable(Type.String({ description: 'whose it is at the marketplace (a seller, a creator)' })),
  status: Type.String(),
  verdict: Nullable(Type.String({ description: 'the final verdict; escalate while a moderator decides' })),
  automatedOutcome: Nullable(Type.String()),
  reasonCodes: Type.Array(Type.String(), { description: 'the codes of the automated verdict’s reasons, each once' }),
  caseId: Nullable(Type.String({ description: 'the subject’s case, its page in the console' })),
  caseStatus: Nullable(Type.String()),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const BatchFilter = Type.Object(
  {
    id: Type.Optional(IdFilter),
    subjectType: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(Type.Union(BATCH_STATUSES.map((status) => Type.Literal(status)))),
    tenantId: Type.Optional(FilterUuid),
  },
  { additionalProperties: false },
);

export const ResultFilter = Type.Object(
  {
    batchId: Type.Optional(FilterUuid),
    status: Type.Optional(Type.String({ maxLength: 32 })),
    verdict: Type.Optional(Type.String({ maxLength: 32, pattern: '^[a-z_]+$', description: 'a final verdict, or escalate for those a moderator has yet to decide' })),
  },
  { additionalProperties: false },
);
