/** The listing-screening evidence panel's strings (English), merged by i18n.ts. */
export const listingScreeningMessages = {
  title: 'Listing evidence',
  subheader: 'Listing %{listing} · seller %{seller}',
  rescreened: 'Screened again because the gallery learned a counterfeit picture.',
  text: 'Listing text (suspicious words highlighted)',
  field_title: 'Title',
  field_description: 'Description',
  empty: '(empty)',
  price: 'Price',
  claimed_brand: 'Claimed brand',
  category: 'Category',
  brand_reference: '%{brand}: usually %{min}–%{max} %{currency} in %{category}; %{count} authorized sellers',
  pictures: 'Listing pictures',
  no_pictures: 'The listing has no pictures.',
  picture_alt: 'Listing picture %{position}',
  picture_failed: 'Picture %{position} could not be used: %{failure}',
  gallery: 'Matched gallery pictures',
  no_gallery: 'No gallery picture matched.',
  gallery_alt: 'Gallery picture (%{label})',
  picture_unavailable: 'The picture could not be loaded.',
  batches: {
    progress: '%{done} of %{total} screened',
    failed: '%{smart_count} failed |||| %{smart_count} failed',
    status: { running: 'Running', completed: 'Completed', failed: 'Failed' },
    verdict: { allow: 'Allow', block: 'Block', escalate: 'Escalated' },
    screening_status: { received: 'Waiting', screening: 'Screening', awaiting_review: 'Awaiting a moderator', completed: 'Completed', failed: 'Failed' },
    counts: {
      allow: '%{smart_count} allowed |||| %{smart_count} allowed',
      block: '%{smart_count} blocked |||| %{smart_count} blocked',
      awaitingReview: '%{smart_count} awaiting a moderator |||| %{smart_count} awaiting a moderator',
      failed: '%{smart_count} could not be screened |||| %{smart_count} could not be screened',
      pending: '%{smart_count} not screened yet |||| %{smart_count} not screened yet',
      refused: '%{smart_count} line refused |||| %{smart_count} lines refused',
    },
    line: 'Line',
    errors: 'What is wrong',
    no_refused: 'No line was refused.',
    refused_more: 'and %{smart_count} more refused line, counted but not kept |||| and %{smart_count} more refused lines, counted but not kept',
    no_results: 'No listing of this batch has been stored.',
  },
};

/** The batch screens' field names (English), merged by i18n.ts under resources. */
export const listingScreeningBatchResourceMessages = {
  name: 'Listing batch |||| Listing batches',
  fields: {
    createdAt: 'Uploaded',
    completedAt: 'Finished',
    marketplace: 'Marketplace',
    tenantId: 'Marketplace',
    status: 'Status',
    progress: 'Progress',
    total: 'Listings',
    counts: 'Where the listings stand',
    rejectedLines: 'Refused lines',
    results: 'Results',
  },
};

export const listingScreeningBatchResultResourceMessages = {
  name: 'Batch result |||| Batch results',
  fields: {
    line: 'Line',
    listingId: 'Listing',
    sellerId: 'Seller',
    verdict: 'Verdict',
    status: 'Status',
    reasonCodes: 'Reasons',
    caseId: 'Case',
  },
};
