/**
 * react-admin's simple-rest list query: `range=[start,end]`, `sort=["field","ASC"|"DESC"]` and
 * `filter={...}`, each a JSON string. Anything else (`range=null`, `range=1`, `sort=null`, a filter
 * that is not an object) is a 400 naming the parameter, never a 500.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyReply } from 'fastify';
import { ApiProblem } from './problem.ts';
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPaths } from './storableText.ts';

export const ListQuerystring = Type.Object(
  {
    range: Type.Optional(Type.String({ maxLength: 64, description: 'react-admin simple-rest: [start, end], inclusive' })),
    sort: Type.Optional(Type.String({ maxLength: 128, description: '[field, "ASC" | "DESC"]' })),
    filter: Type.Optional(Type.String({ maxLength: 4096, description: 'JSON object of filters' })),
  },
  { additionalProperties: false },
);
export type ListQuerystring = Static<typeof ListQuerystring>;

const Range = Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })]);
const Sort = Type.Tuple([Type.String({ maxLength: 64 }), Type.Union([Type.Literal('ASC'), Type.Literal('DESC'), Type.Literal('asc'), Type.Literal('desc')])]);

/** An id inside a filter (TypeBox's Value.Check knows no `format`, so a pattern). */
export const FilterUuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });

/** Largest page a list route returns, whatever range is asked for. */
export const MAX_PAGE = 200;

const malformed = (parameter: string, message: string) =>
  new ApiProblem(400, 'validation-failed', 'Malformed list query', `${parameter}: ${message}`, [{ field: `querystring/${parameter}`, message }]);

function parseParameter<T extends TSchema>(parameter: string, raw: string | undefined, schema: T, expected: string): Static<T> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw malformed(parameter, `must be JSON: ${expected}`);
  }
  // the raw parameter passed the validator as text; what its JSON escapes decode to did not
  const unstorable = unstorableTextPaths(value)[0];
  if (unstorable !== undefined) throw malformed(`${parameter}${unstorable}`, UNSTORABLE_TEXT_MESSAGE);
  if (!Value.Check(schema, value)) throw malformed(parameter, `must be ${expected}`);
  return value;
}

export interface ListRequest<Filter> {
  skip: number;
  take: number;
  sort: { field: string; order: 'asc' | 'desc' } | undefined;
  filter: Filter;
}

/** Parses and validates the three parameters; `filterSchema` names each filter the route knows. */
export function parseListQuery<F extends TSchema>(query: ListQuerystring, filterSchema: F, sortable: readonly string[]): ListRequest<Static<F>> {
  const range = parseParameter('range', query.range, Range, '[start, end] with 0 <= start <= end');
  if (range && range[1] < range[0]) throw malformed('range', 'end must not be before start');
  const sort = parseParameter('sort', query.sort, Sort, '["field", "ASC" | "DESC"]');
  if (sort && !sortable.includes(sort[0])) throw malformed('sort', `field must be one of: ${sortable.join(', ')}`);
  const filter = parseParameter('filter', query.filter, filterSchema, 'an object of known filters') ?? ({} as Static<F>);
  const [start, end] = range ?? [0, 24];
  return {
    skip: start,
    take: Math.min(end - start + 1, MAX_PAGE),
    sort: sort && { field: sort[0], order: sort[1].toLowerCase() as 'asc' | 'desc' },
    filter,
  };
}

/** The Content-Range header react-admin reads the total from. */
export function sendContentRange(reply: FastifyReply, resource: string, skip: number, count: number, total: number): void {
  reply.header('content-range', `${resource} ${skip}-${skip + Math.max(count, 1) - 1}/${total}`);
}
