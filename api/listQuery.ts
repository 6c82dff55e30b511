import { Type, type Static, type TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ApiProblem } from './problem.ts';

/**
 * The list query react-admin's simple-rest data provider sends (`range=[0,24]`,
 * `sort=["slaDueAt","ASC"]`, `filter={"status":"open"}`), parsed and validated in one place so
 * every console list refuses the same malformed input the same way: `null`, a bare number, a
 * reversed range or an unknown sort field is a 400 naming the parameter, never a 500.
 */
export const ListQuerystring = Type.Object(
  {
    range: Type.Optional(Type.String({ maxLength: 100, description: 'react-admin simple-rest: [start, end], inclusive' })),
    sort: Type.Optional(Type.String({ maxLength: 200, description: '[field, "ASC" | "DESC"]' })),
    filter: Type.Optional(Type.String({ maxLength: 2000, description: 'a JSON object, e.g. {"status":"open"}' })),
  },
  { additionalProperties: false },
);
export type ListQuerystring = Static<typeof ListQuerystring>;

export interface ListQuery<Field extends string, Filter> {
  start: number;
  end: number;
  skip: number;
  take: number;
  sort: { field: Field; order: 'asc' | 'desc' };
  filter: Filter;
}

export interface ListQueryRules<Field extends string, FilterSchema extends TObject> {
  sortable: readonly Field[];
  defaultSort: [Field, 'ASC' | 'DESC'];
  filter: FilterSchema;
  /** largest page served, whatever the range asks for */
  maxPageSize: number;
  defaultPageSize?: number;
}

const Range = Type.Tuple([Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), Type.Integer({ minimum: 0, maximum: 1_000_000_000 })]);

const invalid = (parameter: string, message: string) =>
  new ApiProblem(400, 'validation-failed', 'Malformed list query', `The ${parameter} parameter ${message}.`, [{ field: `querystring/${parameter}`, message }]);

function parseJsonParameter(parameter: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid(parameter, 'must be JSON');
  }
}

export function parseListQuery<Field extends string, FilterSchema extends TObject>(
  query: ListQuerystring,
  rules: ListQueryRules<Field, FilterSchema>,
): ListQuery<Field, Static<FilterSchema>> {
  const pageSize = rules.defaultPageSize ?? 25;
  let [start, end] = [0, pageSize - 1];
  if (query.range !== undefined) {
    const range = parseJsonParameter('range', query.range);
    if (!Value.Check(Range, range)) throw invalid('range', 'must be [start, end] with two non-negative integers');
    [start, end] = range;
    if (end < start) throw invalid('range', 'must not end before it starts');
  }

  let [field, order] = rules.defaultSort as [string, string];
  if (query.sort !== undefined) {
    const sort = parseJsonParameter('sort', query.sort);
    if (!Value.Check(Type.Tuple([Type.String(), Type.Union([Type.Literal('ASC'), Type.Literal('DESC')])]), sort)) {
      throw invalid('sort', 'must be [field, "ASC" or "DESC"]');
    }
    [field, order] = sort;
    if (!(rules.sortable as readonly string[]).includes(field)) throw invalid('sort', `can sort by ${rules.sortable.join(', ')} only`);
  }

  const filter = query.filter === undefined ? {} : parseJsonParameter('filter', query.filter);
  if (!Value.Check(rules.filter, filter)) {
    const first = Value.Errors(rules.filter, filter).First();
    throw invalid('filter', `must be an object of known filters${first ? ` (${first.path || '/'}: ${first.message})` : ''}`);
  }

  const take = Math.min(end - start + 1, rules.maxPageSize);
  return { start, end, skip: start, take, sort: { field: field as Field, order: order === 'DESC' ? 'desc' : 'asc' }, filter: filter as Static<FilterSchema> };
}
