import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../problem.ts';
import { contentRange, IdFilter, parseListQuery } from './listQuery.ts';

const spec = { filter: Type.Object({ id: Type.Optional(IdFilter), q: Type.Optional(Type.String()) }), sortable: ['name', 'createdAt'] as const, defaultSort: 'name' as const };
const uuid = '5b0c1a9e-2f4d-4c8e-9a53-0c3f5d1e7b21';

describe('list query (ra-data-simple-rest)', () => {
  it('reads range, sort and filter', () => {
    expect(parseListQuery({ range: '[10,19]', sort: '["createdAt","DESC"]', filter: `{"id":["${uuid}"],"q":"shop"}` }, spec)).toEqual({
      skip: 10,
      take: 10,
      sortField: 'createdAt',
      descending: true,
      filter: { id: [uuid], q: 'shop' },
    });
    expect(parseListQuery({}, spec)).toMatchObject({ skip: 0, take: 25, sortField: 'name', descending: false, filter: {} });
  });

  it.each([
    ['range', 'null'],
    ['range', '1'],
    ['range', '[1]'],
    ['range', '[-1,5]'],
    ['range', '[5,1]'],
    ['range', '[0,1000]'],
    ['range', '[0.5,2]'],
    ['sort', 'null'],
    ['sort', '["name"]'],
    ['sort', '["name","UP"]'],
    ['sort', '["passwordHash","ASC"]'],
    ['filter', 'null'],
    ['filter', '[]'],
    ['filter', '{"unknown":1}'],
    ['filter', '{"id":"x"}'],
    ['filter', '{"q":5}'],
    ['filter', '{not json'],
  ])('refuses %s=%s with a 400 naming the parameter', (parameter, value) => {
    let thrown: unknown;
    try {
      parseListQuery({ [parameter]: value }, spec);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiProblem);
    expect(thrown).toMatchObject({ status: 400, code: 'invalid-list-query', errors: [{ field: `querystring/${parameter}` }] });
  });

  it('writes Content-Range with the total after the slash', () => {
    expect(contentRange('users', 0, 10, 57)).toBe('users 0-9/57');
    expect(contentRange('users', 50, 7, 57)).toBe('users 50-56/57');
    expect(contentRange('users', 0, 0, 0)).toBe('users */0');
  });
});
