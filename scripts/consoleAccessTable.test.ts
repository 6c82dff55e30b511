import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCESS_TABLE_PAGE, renderAccessTable, withFreshTable } from './consoleAccessTable.ts';

describe('docs/operating.md console access table', () => {
  it('matches consoleAccessMatrix (run `npx tsx scripts/consoleAccessTable.ts` after changing it)', () => {
    const readme = readFileSync(ACCESS_TABLE_PAGE, 'utf8');
    expect(readme).toEqual(withFreshTable(readme));
  });

  it('names the roles each level admits', () => {
    const table = renderAccessTable({ 'GET /admin/v1/a': 'moderator', 'GET /admin/v1/b': 'senior_moderator', 'POST /admin/v1/c': 'admin', 'POST /admin/v1/session': 'public' });
    expect(table.split('\n').slice(2)).toEqual([
      '| `GET /admin/v1/a` | moderator, senior moderator, admin |',
      '| `GET /admin/v1/b` | senior moderator, admin |',
      '| `POST /admin/v1/c` | admin |',
      '| `POST /admin/v1/session` | anyone (no session) |',
    ]);
  });
});
