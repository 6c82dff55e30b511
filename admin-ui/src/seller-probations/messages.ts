/** The seller-probation evidence panel's strings (English), merged by i18n.ts. */
export const sellerProbationMessages = {
  title: 'Probation',
  subheader: 'Seller %{seller} · %{status} · policy version %{version}',
  restricted_for: 'Restricted for: %{reasons}',
  metrics: 'Metrics against their limits',
  metric: {
    orders: 'Orders',
    late_shipments: 'Late shipments',
    strikes: 'Strikes',
    refund_rate: 'Refund rate',
    negative_review_rate: 'Negative-review rate',
    today_orders: "Today's orders",
  },
  column: { metric: 'Metric', value: 'Value', limit: 'Limit', state: 'State', order: 'Order', reasons: 'Reasons', change: 'Change', status: 'Status', at: 'At' },
  within: 'Within',
  over: 'Over the limit',
  not_evaluated: 'Sample too small',
  held: 'Held payouts (%{count})',
  none_held: 'No payout is held.',
  changes: 'State changes',
  no_changes: 'No change recorded yet.',
};
