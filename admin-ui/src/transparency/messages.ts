/** The transparency report's strings (English), merged by i18n.ts. */
export const transparencyResourceMessages = {
  name: 'Transparency |||| Transparency',
};

export const transparencyMessages = {
  title: 'Transparency report',
  intro: 'Restrictions with their statements of reasons, strikes and the submission to the DSA Transparency Database, over the marketplaces you work for.',
  from: 'From',
  to: 'To',
  download: 'Download CSV',
  error: 'The report could not be read.',
  restrictions: 'Restrictions',
  total: 'Restrictions in the period: %{count}',
  strikes: 'Strikes: %{issued} issued, %{withdrawn} withdrawn; sellers and creators struck: %{parties}',
  export: 'Transparency Database: %{accepted} accepted, %{pending} pending, %{refused} refused',
  appeals: 'Appeals: %{received} received, %{decided} decided (%{upheld} upheld, %{overturned} overturned), median time to decision %{median}',
  no_median: 'none yet',
  none: 'None in the period.',
  dimensions: {
    byCapability: 'By capability',
    byMeasure: 'By measure',
    byGround: 'By ground',
    byCategory: 'By DSA category',
    byAutomatedDecision: 'By automation of the decision',
    bySource: 'By source',
    byDecidedBy: 'Decided by',
  },
};
