import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from './problem.ts';
import { parseListQuery } from './listQuery.ts';

const filter = Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('decided')])) }, { additionalProperties: false });
const sortable = ['slaDueAt', 'createdAt'] as const;

const refusal = (query: Record<string, string>) => {
  try {
    parseListQuery(query, filter, sortable);
  } catch (error) {
    return error instanceof ApiProblem ? { status: error.status, field: error.errors?.[0]?.field } : error;
  }
  return undefined;
};

describe('parseListQuery', () => {
  it('reads what react-admin sends, and defaults what it leaves out', () => {
    expect(parseListQuery({ range: '[10,19]', sort: '["createdAt","DESC"]', filter: '{"status":"open"}' }, filter, sortable)).toEqual({
      skip: 10, take: 10, sort: { field: 'createdAt', order: 'desc' }, filter: { status: 'open' },
    });
    expect(parseListQuery({}, filter, sortable)).toMatchObject({ skip: 0, take: 25, sort: undefined, filter: {} });
  });

  it('caps the page size', () => {
    expect(parseListQuery({ range: '[0,100000]' }, filter, sortable).take).toBe(200);
  });

  it.each([
    [{ range: 'null' }, 'querystring/range'],
    [{ range: '1' }, 'querystring/range'],
    [{ range: '[5,1]' }, 'querystring/range'],
    [{ range: '[-1,4]' }, 'querystring/range'],
    [{ range: '[0.5,4]' }, 'querystring/range'],
    [{ range: '[0,' }, 'querystring/range'],
    [{ sort: 'null' }, 'querystring/sort'],
    [{ sort: '["password","ASC"]' }, 'querystring/sort'],
    [{ sort: '["slaDueAt","UP"]' }, 'querystring/sort'],
    [{ filter: 'null' }, 'querystring/filter'],
    [{ filter: '{"status":"open\\u0000"}' }, 'querystring/filter/status'],
    [{ filter: '{"q":"\\ud800"}' }, 'querystring/filter/q'],
    [{ sort: '["\\u0000","ASC"]' }, 'querystring/sort/0'],
    [{ filter: '[]' }, 'querystring/filter'],
    [{ filter: '{"status":"everything"}' }, 'querystring/filter'],
    [{ filter: '{"tenantId":"x"}' }, 'querystring/filter'],
  ])('refuses %j with a 400 naming %s', (query, field) => {
    expect(refusal(query)).toEqual({ status: 400, field });
  });
});
