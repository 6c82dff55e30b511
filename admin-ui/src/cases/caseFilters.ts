/**
 * The case list's filters, as the API reads them (GET /admin/v1/cases `filter`): a queue,
 * status, priority, who holds the case (`me`, `none`) and SLA overdue.
 */
import { CASE_STATUSES, PRIORITIES } from './types.ts';

export const ASSIGNEES = ['me', 'none'] as const;

// SelectInput translates choice names.
export const statusChoices = CASE_STATUSES.map((id) => ({ id, name: `bonafide.cases.status.${id}` }));
export const priorityChoices = PRIORITIES.map((id) => ({ id, name: `bonafide.cases.priority.${id}` }));
export const assigneeChoices = ASSIGNEES.map((id) => ({ id, name: `bonafide.cases.assignee.${id}` }));

/** What the list opens with: open cases, the most pressing deadline (overdue ones) first. */
export const DEFAULT_CASE_FILTER = { status: 'open' } as const;
export const DEFAULT_CASE_SORT = { field: 'slaDueAt', order: 'ASC' } as const;

/**
 * The path of the case list showing one queue's open cases, overdue first (react-admin reads
 * `filter`, `order` and `sort` from the query string).
 */
export function queueCasesPath(queueId: string, extra: Record<string, unknown> = {}): string {
  const query = new URLSearchParams({
    filter: JSON.stringify({ ...DEFAULT_CASE_FILTER, ...extra, queueId }),
    sort: DEFAULT_CASE_SORT.field,
    order: DEFAULT_CASE_SORT.order,
  });
  return `/cases?${query.toString()}`;
}
