/**
 * A queue as the API takes it (POST/PUT /admin/v1/queues): only the definition, every list
 * present; counts and timestamps are the server's and refused if sent back.
 */
export interface QueueBody {
  name: string;
  description: string | null;
  subjectTypes: string[];
  signalCodes: string[];
  priorities: string[];
  tenantIds: string[];
  roles: string[];
}

const LIST_FIELDS = ['subjectTypes', 'signalCodes', 'priorities', 'tenantIds', 'roles'] as const;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? [...new Set(value.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter(Boolean))] : [];

export function queueBody(data: Record<string, unknown>): QueueBody {
  const description = typeof data.description === 'string' ? data.description.trim() : '';
  const body: QueueBody = {
    name: typeof data.name === 'string' ? data.name.trim() : '',
    description: description === '' ? null : description,
    subjectTypes: [],
    signalCodes: [],
    priorities: [],
    tenantIds: [],
    roles: [],
  };
  for (const field of LIST_FIELDS) body[field] = strings(data[field]);
  return body;
}

/** Only admins define queues; the API refuses others with 403 too. */
export const canDefineQueues = (permissions: unknown): boolean => permissions === 'admin';
