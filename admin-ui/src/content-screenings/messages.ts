/** The content-screening evidence panel's strings (English), merged by i18n.ts. */
export const contentScreeningMessages = {
  batch: {
    name: 'Content backfills',
    subject: 'Post %{post} · creator %{creator}',
    verdict: { clean: 'Clean', label: 'Label', takedown_request: 'Takedown request', escalate: 'Escalated' },
  },
  title: 'Promotional post',
  subheader: 'Post %{post} by %{creator} · %{surface} · %{postedAt}',
  caption: 'Caption',
  transcript: 'Transcript (from the marketplace)',
  on_screen: 'On-screen text',
  hashtags: 'Hashtags',
  disclosure: 'Disclosure: %{class}',
  affiliate: 'Affiliate link',
  paid_label: "Platform's paid label",
  seller: 'Promotes seller %{seller}',
  cluster: {
    title: 'Same script, side by side',
    summary: 'Script cluster %{id}: %{posts} posts by %{creators} creators, %{first} to %{last}',
    none: 'This post matched no other post.',
    this_post: 'This post',
    other_post: '%{creator} (post %{post}, %{postedAt})',
    similarity: 'shared words %{value}',
    no_excerpts: 'No sentence in common (matched on the whole text).',
  },
  cadence: {
    title: "Creator's cadence",
    figures: '%{day}: %{posts} promo posts (median %{median} on earlier active days) · %{total} posts screened · clear disclosure rate %{rate} · burstiness %{burstiness}',
  },
};
