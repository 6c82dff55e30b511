import { describe, expect, it } from 'vitest';
import { assigneeChoices, queueCasesPath } from './caseFilters.ts';

describe('queueCasesPath', () => {
  it("opens the queue's open cases, nearest deadline first", () => {
    const url = new URL(queueCasesPath('0b3c2a64-1c1e-4e44-9a56-5f0c1c4e0d11'), 'http://console.test');
    expect(url.pathname).toBe('/cases');
    expect(JSON.parse(url.searchParams.get('filter') ?? '')).toEqual({ status: 'open', queueId: '0b3c2a64-1c1e-4e44-9a56-5f0c1c4e0d11' });
    expect([url.searchParams.get('sort'), url.searchParams.get('order')]).toEqual(['slaDueAt', 'ASC']);
  });

  it('adds further filters but never lets them replace the queue', () => {
    const url = new URL(queueCasesPath('q1', { overdue: true, queueId: 'other' }), 'http://console.test');
    expect(JSON.parse(url.searchParams.get('filter') ?? '')).toEqual({ status: 'open', overdue: true, queueId: 'q1' });
  });
});

describe('assigneeChoices', () => {
  it('offers exactly the values the API understands', () => {
    expect(assigneeChoices.map((choice) => choice.id)).toEqual(['me', 'none']);
  });
});
