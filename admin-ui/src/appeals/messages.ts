/** The appeal evidence panel's strings (English), merged by i18n.ts. */
export const appealMessages = {
  title: 'Appeal',
  subheader: 'By %{type} %{id} · %{at}',
  appellant_statement: 'What the appellant says',
  decision: 'The decision appealed',
  measure: 'Measure',
  facts: 'Facts and circumstances',
  decided: 'Decided by %{decidedBy} on %{at} (automation: %{automation}) · %{category}',
  original_case: 'The original case',
  original_decision: '%{decidedBy} decided “%{decision}”: %{note}',
  not_you: 'The moderator who took the decision appealed cannot decide the appeal.',
};
