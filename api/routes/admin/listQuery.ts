/**
 * The list dialect of react-admin's `ra-data-simple-rest`, so the stock data provider works:
 * `?range=[0,24]&sort=["name","ASC"]&filter={"q":"x"}` in, the page out with
 * `Content-Range: <resource> 0-24/<total>`. `getMany` is the same call with `filter={"id":[…]}`.
 *
 * Every part is checked before it reaches a query: a range that is not two integers, a sort on a
 * field the route does not offer or a filter with unknown keys or wrongly typed values is a 400
 * naming the parameter, never a 500 from the database.
 */
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { ApiProblem } from '../../problem.ts';

/** The largest page one list call returns (react-admin asks for 10 to 50). */
export const MAX_PAGE_SIZE = 200;
const DEFAULT_PAGE_SIZE = 25;

export const ListQuerystring = Type.Object(
  {
    range: Type.Optional(Type.String({ maxLength: 64, description: 'JSON [start, end], both inclusive, e.g. [0,24]' })),
    sort: Type.Optional(Type.String({ maxLength: 128, description: 'JSON [field, "ASC"|"DESC"]' })),
    filter: Type.Optional(Type.String({ maxLength: 8192, description: 'JSON object; {"id":[…]} fetches several by id' })),
  },
  { additionalProperties: false },
);
export type ListQuerystring = Static<typeof ListQuerystring>;

/** Ids are UUIDs everywhere in the console API; anything else cannot match (a pattern, so both ajv and Value check it). */
export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'UUID' });
export const IdFilter = Type.Union([Uuid, Type.Array(Uuid, { maxItems: MAX_PAGE_SIZE })]);
export const IdParams = Type.Object({ id: Uuid });

export interface ListQuery<F, S extends string> {
  skip: number;
  take: number;
  sortField: S;
  descending: boolean;
  filter: F;
}

const invalid = (parameter: string, message: string) =>
  new ApiProblem(400, 'invalid-list-query', 'Malformed list query', `${parameter}: ${message}`, [{ field: `querystring/${parameter}`, message }]);

function parseJson(parameter: string, raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw invalid(parameter, 'must be JSON');
  }
}

function parseRange(raw: string | undefined): { skip: number; take: number } {
  if (raw === undefined) return { skip: 0, take: DEFAULT_PAGE_SIZE };
  const range = parseJson('range', raw);
  if (!Array.isArray(range) || range.length !== 2 || !range.every((bound) => Number.isSafeInteger(bound) && (bound as number) >= 0)) {
    throw invalid('range', 'must be [start, end] with two non-negative integers');
  }
  const [start, end] = range as [number, number];
  if (end < start) throw invalid('range', 'end must not be before start');
  if (end - start + 1 > MAX_PAGE_SIZE) throw invalid('range', `at most ${MAX_PAGE_SIZE} records per page`);
  return { skip: start, take: end - start + 1 };
}

function parseSort<S extends string>(raw: string | undefined, fields: readonly S[], fallback: S): { sortField: S; descending: boolean } {
  if (raw === undefined) return { sortField: fallback, descending: false };
  const sort = parseJson('sort', raw);
  if (!Array.isArray(sort) || sort.length !== 2 || typeof sort[0] !== 'string' || (sort[1] !== 'ASC' && sort[1] !== 'DESC')) {
    throw invalid('sort', 'must be [field, "ASC" or "DESC"]');
  }
  if (!(fields as readonly string[]).includes(sort[0])) throw invalid('sort', `can sort by ${fields.join(', ')}`);
  return { sortField: sort[0] as S, descending: sort[1] === 'DESC' };
}

function parseFilter<T extends TObject>(raw: string | undefined, schema: T): Static<T> {
  const filter = raw === undefined ? {} : parseJson('filter', raw);
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw invalid('filter', 'must be a JSON object');
  const strict = Type.Object(schema.properties, { additionalProperties: false });
  const first = Value.Errors(strict, filter).First();
  if (first) {
    const field = first.path || '/';
    throw invalid('filter', first.type === ValueErrorType.ObjectAdditionalProperties ? `unknown key ${field} (known: ${Object.keys(schema.properties).join(', ')})` : `${field} ${first.message}`);
  }
  return filter as Static<T>;
}

export function parseListQuery<T extends TObject, S extends string>(
  query: ListQuerystring,
  spec: { filter: T; sortable: readonly S[]; defaultSort: S },
): ListQuery<Static<T>, S> {
  return { ...parseRange(query.range), ...parseSort(query.sort, spec.sortable, spec.defaultSort), filter: parseFilter(query.filter, spec.filter) };
}

/** `Content-Range` as ra-data-simple-rest reads it (the total after the slash). */
export function contentRange(resource: string, skip: number, returned: number, total: number): string {
  return returned === 0 ? `${resource} */${total}` : `${resource} ${skip}-${skip + returned - 1}/${total}`;
}

/** `{"id": "…"}` or `{"id": ["…", …]}` as a Prisma `where` fragment. */
export const idWhere = (id: string | string[] | undefined): { id?: { in: string[] } } =>
  id === undefined ? {} : { id: { in: Array.isArray(id) ? id : [id] } };
