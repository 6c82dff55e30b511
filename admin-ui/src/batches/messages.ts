/** The batch screens' strings (English), shared by every capability's batches; merged by i18n.ts. */
export const batchMessages = {
  progress: '%{done} of %{total} screened',
  failed: '%{smart_count} failed |||| %{smart_count} failed',
  status: { running: 'Running', completed: 'Completed', failed: 'Failed' },
  screening_status: { received: 'Waiting', screening: 'Screening', awaiting_review: 'Awaiting a moderator', completed: 'Completed', failed: 'Failed' },
  verdict: '%{verdict}: %{smart_count}',
  counts: {
    awaitingReview: '%{smart_count} awaiting a moderator |||| %{smart_count} awaiting a moderator',
    failed: '%{smart_count} could not be screened |||| %{smart_count} could not be screened',
    pending: '%{smart_count} not screened yet |||| %{smart_count} not screened yet',
    refused: '%{smart_count} line refused |||| %{smart_count} lines refused',
  },
  failure: 'Failed (%{reason}): %{detail}',
  line: 'Line',
  errors: 'What is wrong',
  no_refused: 'No line was refused.',
  refused_more: 'and %{smart_count} more refused line, counted but not kept |||| and %{smart_count} more refused lines, counted but not kept',
  no_results: 'No subject of this batch has been stored.',
};

/** The batch screens' field names (English), merged by i18n.ts under resources. */
export const batchResourceMessages = {
  name: 'Batch |||| Batches',
  fields: {
    createdAt: 'Uploaded',
    completedAt: 'Finished',
    subjectType: 'Kind',
    subjectLabel: 'Kind',
    marketplace: 'Marketplace',
    tenantId: 'Marketplace',
    status: 'Status',
    progress: 'Progress',
    total: 'Lines',
    counts: 'Where its subjects stand',
    failure: 'Why it failed',
    rejectedLines: 'Refused lines',
    results: 'Results',
  },
};

export const batchResultResourceMessages = {
  name: 'Batch result |||| Batch results',
  fields: {
    line: 'Line',
    reference: 'Subject',
    verdict: 'Verdict',
    status: 'Status',
    reasonCodes: 'Reasons',
    caseId: 'Case',
  },
};
