/**
 * Queues govern the marketplaces they name (none named: every marketplace). An admin limited to
 * some marketplaces defines only queues of those marketplaces; a platform-wide admin defines any.
 * A user sees the platform-wide queues and those naming one of their marketplaces, and of a
 * queue's marketplaces only their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUser } from './support/console.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let ownMarketplace: string;
let otherMarketplace: string;
let platformAdmin: Record<string, string>;
let scopedAdmin: Awaited<ReturnType<typeof consoleUser>>;

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
  ownMarketplace = (await platform.createTenant()).tenantId;
  otherMarketplace = (await platform.createTenant()).tenantId;
  platformAdmin = (await consoleUser(platform, 'admin')).headers;
  scopedAdmin = await consoleUser(platform, 'admin', { marketplaces: [ownMarketplace] });
});
afterAll(async () => platform?.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
  platform.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

const definition = (tenantIds: string[]) => ({ name: `queue ${uniqueSuffix()}`, tenantIds, roles: ['moderator' as const] });

/** A queue defined directly in the database, as a platform-wide admin could have. */
async function existingQueue(tenantIds: string[]) {
  return await platform.database.prisma.caseQueue.create({ data: definition(tenantIds) });
}

function expectRefused(response: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json().code).toBe(code);
}

describe('queues defined by a marketplace-scoped admin', () => {
  it('cannot create a platform-wide queue or one naming another marketplace', async () => {
    expectRefused(await call('POST', '/admin/v1/queues', scopedAdmin.headers, definition([])), 403, 'platform-admin-required');
    expectRefused(await call('POST', '/admin/v1/queues', scopedAdmin.headers, definition([otherMarketplace])), 403, 'queue-outside-scope');
    expectRefused(await call('POST', '/admin/v1/queues', scopedAdmin.headers, definition([ownMarketplace, otherMarketplace])), 403, 'queue-outside-scope');
  });

  it('cannot change or delete a queue of another marketplace, one reaching beyond its own, or a platform-wide one', async () => {
    const cases = [
      { queue: await existingQueue([]), status: 403, code: 'platform-admin-required' },
      // another marketplace's queue is not even seen
      { queue: await existingQueue([otherMarketplace]), status: 404, code: 'not-found' },
      { queue: await existingQueue([ownMarketplace, otherMarketplace]), status: 403, code: 'queue-outside-scope' },
    ];
    for (const { queue, status, code } of cases) {
      // even when the change would bring it inside the admin's marketplaces
      expectRefused(await call('PUT', `/admin/v1/queues/${queue.id}`, scopedAdmin.headers, { ...definition([ownMarketplace]), name: 'taken over' }), status, code);
      expectRefused(await call('DELETE', `/admin/v1/queues/${queue.id}`, scopedAdmin.headers), status, code);
      expect(await platform.database.prisma.caseQueue.findUnique({ where: { id: queue.id } })).toMatchObject({ name: queue.name, tenantIds: queue.tenantIds });
    }
  });

  it('manages a queue of its own marketplace, but cannot move it out or make it platform-wide; every change is audited', async () => {
    const created = await call('POST', '/admin/v1/queues', scopedAdmin.headers, definition([ownMarketplace]));
    expect(created.statusCode, created.body).toBe(201);
    const { id, name } = created.json();
    expectRefused(await call('PUT', `/admin/v1/queues/${id}`, scopedAdmin.headers, { ...definition([]), name }), 403, 'platform-admin-required');
    expectRefused(await call('PUT', `/admin/v1/queues/${id}`, scopedAdmin.headers, { ...definition([ownMarketplace, otherMarketplace]), name }), 403, 'queue-outside-scope');
    const renamed = await call('PUT', `/admin/v1/queues/${id}`, scopedAdmin.headers, { ...definition([ownMarketplace]), name: `${name} renamed` });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: `${name} renamed`, tenantIds: [ownMarketplace] });
    expect((await call('DELETE', `/admin/v1/queues/${id}`, scopedAdmin.headers)).statusCode).toBe(200);

    const entries = await platform.database.prisma.auditEntry.findMany({ where: { objectType: 'case_queue', objectId: id }, orderBy: { seq: 'asc' } });
    expect(entries.map((entry) => [entry.action, entry.actorId])).toEqual([
      ['case_queue.created', scopedAdmin.user.id],
      ['case_queue.changed', scopedAdmin.user.id],
      ['case_queue.removed', scopedAdmin.user.id],
    ]);
  });
});

describe('queues defined by a platform-wide admin', () => {
  it('creates, changes and deletes any queue, platform-wide or of any marketplaces', async () => {
    const created = await call('POST', '/admin/v1/queues', platformAdmin, definition([]));
    expect(created.statusCode, created.body).toBe(201);
    const queues = [created.json(), await existingQueue([otherMarketplace]), await existingQueue([ownMarketplace, otherMarketplace])];
    for (const queue of queues) {
      const changed = await call('PUT', `/admin/v1/queues/${queue.id}`, platformAdmin, { ...definition([otherMarketplace]), name: `${queue.name} moved` });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().tenantIds).toEqual([otherMarketplace]);
      expect((await call('DELETE', `/admin/v1/queues/${queue.id}`, platformAdmin)).statusCode).toBe(200);
    }
    expect(await platform.database.prisma.caseQueue.count({ where: { id: { in: queues.map((queue) => queue.id) } } })).toBe(0);
  });
});

describe('queues seen by a marketplace-scoped user', () => {
  it('lists and shows only platform-wide queues and those naming its marketplaces, with only its marketplaces’ ids', async () => {
    const wide = await existingQueue([]);
    const own = await existingQueue([ownMarketplace]);
    const shared = await existingQueue([otherMarketplace, ownMarketplace]);
    const foreign = await existingQueue([otherMarketplace]);
    const ids = [wide, own, shared, foreign].map((queue) => queue.id);
    const byId = `/admin/v1/queues?filter=${encodeURIComponent(JSON.stringify({ id: ids }))}`;
    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [ownMarketplace] });

    for (const headers of [moderator.headers, scopedAdmin.headers]) {
      const listed = await call('GET', byId, headers);
      expect(listed.statusCode, listed.body).toBe(200);
      const rows = listed.json() as { id: string; tenantIds: string[] }[];
      expect(rows.map((row) => row.id).sort()).toEqual([wide.id, own.id, shared.id].sort());
      expect(Object.fromEntries(rows.map((row) => [row.id, row.tenantIds]))).toEqual({ [wide.id]: [], [own.id]: [ownMarketplace], [shared.id]: [ownMarketplace] });
      expect(listed.body).not.toContain(otherMarketplace);
      expect(listed.body).not.toContain(foreign.name);

      const shown = await call('GET', `/admin/v1/queues/${shared.id}`, headers);
      expect(shown.statusCode).toBe(200);
      expect(shown.json().tenantIds).toEqual([ownMarketplace]);
      const hidden = await call('GET', `/admin/v1/queues/${foreign.id}`, headers);
      expectRefused(hidden, 404, 'not-found');
      expect(hidden.body).not.toContain(foreign.name);
      // nor does filtering cases by the queue tell its name
      const cases = await call('GET', `/admin/v1/cases?filter=${encodeURIComponent(JSON.stringify({ queueId: foreign.id }))}`, headers);
      expectRefused(cases, 404, 'not-found');
      expect(cases.body).not.toContain(foreign.name);
    }
  });

  it('shows a platform-wide user every queue with all its marketplaces', async () => {
    const shared = await existingQueue([otherMarketplace, ownMarketplace]);
    const foreign = await existingQueue([otherMarketplace]);
    const moderator = await consoleUser(platform, 'moderator');
    const listed = await call('GET', `/admin/v1/queues?filter=${encodeURIComponent(JSON.stringify({ id: [shared.id, foreign.id] }))}`, moderator.headers);
    expect(Object.fromEntries((listed.json() as { id: string; tenantIds: string[] }[]).map((row) => [row.id, row.tenantIds]))).toEqual({ [shared.id]: [otherMarketplace, ownMarketplace], [foreign.id]: [otherMarketplace] });
    expect((await call('GET', `/admin/v1/queues/${foreign.id}`, moderator.headers)).json().tenantIds).toEqual([otherMarketplace]);
  });
});
