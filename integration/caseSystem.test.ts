/**
 * The console's case system through the real API, workflow and worker: claims, escalation to
 * seniors, marketplace membership, queues open to some roles, the document photo (audited) and
 * the audit log's chain.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../core/audit.ts';
import { consoleUser } from './support/console.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, submitVetting, waitForVetting } from './support/vettings.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true });
});
afterAll(async () => platform?.close());

/** An escalated vetting (declared name does not match the document) and its open case id. */
async function escalatedCase(apiKey: string): Promise<{ caseId: string; vettingId: string }> {
  const { id } = (await submitVetting(platform, apiKey, applicantFor('td3-mismatch-01.jpg'))).json();
  const waiting = await waitForVetting(platform, apiKey, id, (vetting) => vetting.status === 'awaiting_review');
  return { caseId: waiting.verdict.review.caseId, vettingId: id };
}

const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
  platform.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe('case system', () => {
  it('lets one moderator hold a case: a second is refused with who holds it; decisions need the allowed words and notes', async () => {
    const { tenantId, apiKey } = await platform.createTenant();
    const { caseId, vettingId } = await escalatedCase(apiKey);
    const first = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const second = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });

    const claimed = await inject('POST', `/admin/v1/cases/${caseId}/claim`, first.headers);
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json().claimedBy).toMatchObject({ id: first.user.id });

    const mine = await inject('GET', `/admin/v1/cases?filter=${encodeURIComponent(JSON.stringify({ assignee: 'me' }))}`, first.headers);
    expect(mine.json().map((row: { id: string }) => row.id)).toEqual([caseId]);

    const conflict = await inject('POST', `/admin/v1/cases/${caseId}/decision`, second.headers, { decision: 'approve' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'case-claimed-by-other', detail: expect.stringContaining(first.user.displayName) });

    const unknownWord = await inject('POST', `/admin/v1/cases/${caseId}/decision`, first.headers, { decision: 'suspend' });
    expect(unknownWord.statusCode).toBe(400);
    const noNote = await inject('POST', `/admin/v1/cases/${caseId}/decision`, first.headers, { decision: 'reject' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().detail).toMatch(/note is required/);

    const decided = await inject('POST', `/admin/v1/cases/${caseId}/decision`, first.headers, { decision: 'reject', note: 'document belongs to someone else' });
    expect(decided.statusCode, decided.body).toBe(200);
    const vetting = await waitForVetting(platform, apiKey, vettingId, (candidate) => candidate.status === 'completed');
    expect(vetting.verdict).toMatchObject({ outcome: 'reject', decidedBy: 'moderator', review: { decision: 'reject', note: 'document belongs to someone else' } });
    const shown = (await inject('GET', `/admin/v1/cases/${caseId}`, second.headers)).json();
    expect(shown).toMatchObject({ status: 'decided', decision: { decision: 'reject', moderatorId: first.user.id, note: 'document belongs to someone else' }, work: { allowed: false, code: 'case-already-decided' } });
  });

  it('answers a decision on a case whose review workflow is not started yet with a 409 to retry, not a 503', async () => {
    // a batch range opens its escalations' cases with their verdicts; their workflows start right after
    const { tenantId } = await platform.createTenant();
    const subjectId = randomUUID();
    const opened = await platform.database.prisma.case.create({
      data: { tenantId, subjectType: 'listing_screening', subjectId, workflowId: `listing-screening-${subjectId}`, priority: 'normal', reasons: [], signalCodes: [], slaDueAt: new Date(Date.now() + 3_600_000) },
    });
    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const early = await inject('POST', `/admin/v1/cases/${opened.id}/decision`, moderator.headers, { decision: 'allow' });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ code: 'case-not-awaiting-decision', detail: expect.stringMatching(/try again/) });
    expect(await platform.database.prisma.case.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({ status: 'open' });
  });

  it('lets a claim lapse so the case returns to the queue', async () => {
    const { tenantId, apiKey } = await platform.createTenant();
    const { caseId } = await escalatedCase(apiKey);
    const first = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const second = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    expect((await inject('POST', `/admin/v1/cases/${caseId}/claim`, first.headers)).statusCode).toBe(200);
    await platform.database.prisma.case.update({ where: { id: caseId }, data: { claimExpiresAt: new Date(Date.now() - 1000) } });
    const unassigned = await inject('GET', `/admin/v1/cases?filter=${encodeURIComponent(JSON.stringify({ assignee: 'none', tenantId }))}`, second.headers);
    expect(unassigned.json().map((row: { id: string }) => row.id)).toContain(caseId);
    const taken = await inject('POST', `/admin/v1/cases/${caseId}/claim`, second.headers);
    expect(taken.json().claimedBy).toMatchObject({ id: second.user.id });
  });

  it('sends an escalated case to seniors: moderators can no longer decide it, a senior can', async () => {
    const { tenantId, apiKey } = await platform.createTenant();
    const { caseId, vettingId } = await escalatedCase(apiKey);
    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const senior = await consoleUser(platform, 'senior_moderator', { marketplaces: [tenantId] });

    const escalated = await inject('POST', `/admin/v1/cases/${caseId}/escalation`, moderator.headers, { note: 'possible identity theft' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    expect(escalated.json()).toMatchObject({ requiredRole: 'senior_moderator', escalationNote: 'possible identity theft', claimedBy: null });

    const refused = await inject('POST', `/admin/v1/cases/${caseId}/decision`, moderator.headers, { decision: 'approve' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('needs-senior-moderator');

    const decided = await inject('POST', `/admin/v1/cases/${caseId}/decision`, senior.headers, { decision: 'approve' });
    expect(decided.statusCode, decided.body).toBe(200);
    await waitForVetting(platform, apiKey, vettingId, (vetting) => vetting.status === 'completed');
  });

  it('shows a moderator only the marketplaces they work for', async () => {
    const own = await platform.createTenant();
    const other = await platform.createTenant();
    const { caseId } = await escalatedCase(other.apiKey);
    const outsider = await consoleUser(platform, 'senior_moderator', { marketplaces: [own.tenantId] });

    expect((await inject('GET', `/admin/v1/cases/${caseId}`, outsider.headers)).statusCode).toBe(404);
    expect((await inject('POST', `/admin/v1/cases/${caseId}/claim`, outsider.headers)).statusCode).toBe(404);
    const listed = await inject('GET', '/admin/v1/cases?range=[0,199]', outsider.headers);
    expect(listed.json().filter((row: { tenantId: string }) => row.tenantId !== own.tenantId)).toEqual([]);
    const stats = (await inject('GET', '/admin/v1/stats', outsider.headers)).json();
    expect(stats.openCases).toBe(0);
  });

  it('holds cases in queues open to named roles, overdue first', async () => {
    const { tenantId, apiKey } = await platform.createTenant();
    const { caseId } = await escalatedCase(apiKey);
    const admin = await consoleUser(platform, 'admin');
    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const created = await inject('POST', '/admin/v1/queues', admin.headers, {
      name: `senior identity ${tenantId}`,
      subjectTypes: ['seller_vetting'],
      signalCodes: ['document.name_mismatch'],
      tenantIds: [tenantId],
      roles: ['senior_moderator'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const queue = created.json();
    expect(queue).toMatchObject({ open: 1, overdue: 0 });
    // react-admin's simple-rest client always sends a sort (`id` by default)
    const listed = await inject('GET', `/admin/v1/queues?sort=${encodeURIComponent('["id","ASC"]')}&range=${encodeURIComponent('[0,24]')}&filter={}`, admin.headers);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().map((row: { id: string }) => row.id)).toContain(queue.id);

    expect((await inject('GET', `/admin/v1/cases?filter=${encodeURIComponent(JSON.stringify({ queueId: queue.id }))}`, moderator.headers)).statusCode).toBe(403);
    const claim = await inject('POST', `/admin/v1/cases/${caseId}/claim`, moderator.headers);
    expect(claim.statusCode).toBe(403);
    expect(claim.json().code).toBe('queue-closed-to-role');
    const bad = await inject('POST', '/admin/v1/queues', admin.headers, { name: 'x', subjectTypes: ['no_such_thing'] });
    expect(bad.statusCode).toBe(400);

    await platform.database.prisma.case.update({ where: { id: caseId }, data: { slaDueAt: new Date(Date.now() - 60_000) } });
    const overdue = await inject('GET', `/admin/v1/cases?filter=${encodeURIComponent(JSON.stringify({ queueId: queue.id, overdue: true }))}`, admin.headers);
    expect(overdue.json()).toMatchObject([{ id: caseId, overdue: true }]);
    expect((await inject('DELETE', `/admin/v1/queues/${queue.id}`, admin.headers)).statusCode).toBe(200);
  });

  it('streams the document photo only to a moderator of the marketplace, and records each view in a chained audit log', async () => {
    const { tenantId, apiKey } = await platform.createTenant();
    const { caseId, vettingId } = await escalatedCase(apiKey);
    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const photo = await inject('GET', `/admin/v1/cases/${caseId}/attachments/document`, moderator.headers);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['cache-control']).toBe('no-store');
    expect(photo.rawPayload.subarray(0, 3).toString('hex')).toBe('ffd8ff');

    const views = await platform.database.prisma.auditEntry.findMany({ where: { action: 'personal_data.viewed', objectId: vettingId } });
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actorId: moderator.user.id, detail: { caseId, attachment: 'document' } });

    const senior = await consoleUser(platform, 'senior_moderator', { marketplaces: [tenantId] });
    const log = await inject('GET', `/admin/v1/audit-log?filter=${encodeURIComponent(JSON.stringify({ objectId: vettingId }))}`, senior.headers);
    expect(log.json()[0]).toMatchObject({ action: 'personal_data.viewed', actor: { label: moderator.user.email } });
    expect((await inject('GET', '/admin/v1/audit-log', moderator.headers)).statusCode).toBe(403);

    expect(await verifyAuditChain(platform.database.prisma)).toMatchObject({ brokenAt: null });
    // the database ignores edits; a forged entry (bypassing the rules) breaks the chain
    await platform.database.prisma.auditEntry.updateMany({ where: { objectId: vettingId }, data: { actorLabel: 'someone else' } });
    expect((await platform.database.prisma.auditEntry.findFirstOrThrow({ where: { objectId: vettingId } })).actorLabel).toBe(moderator.user.email);
    // Forged inside a transaction that is rolled back: the database is shared with other test
    // files, which check the whole chain too.
    const rolledBack = new Error('roll back the forgery');
    const forged = platform.database.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('ALTER TABLE audit_log DISABLE RULE audit_log_no_update');
      await tx.auditEntry.updateMany({ where: { objectId: vettingId }, data: { actorLabel: 'someone else' } });
      expect((await verifyAuditChain(tx)).brokenAt).not.toBeNull();
      throw rolledBack;
    });
    await expect(forged).rejects.toBe(rolledBack);
    expect(await verifyAuditChain(platform.database.prisma)).toMatchObject({ brokenAt: null });
  });
});
