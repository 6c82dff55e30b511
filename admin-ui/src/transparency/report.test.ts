import { describe, expect, it } from 'vitest';
import { canReadTransparencyReport, defaultPeriod, durationText, parseReport, reportUrl } from './report.ts';

const report = {
  from: '2026-12-01',
  to: '2026-12-08',
  restrictions: {
    total: 3,
    byCapability: [{ value: 'listing_screening', count: 3 }],
    byMeasure: [{ value: 'listing_removed', count: 3 }],
    byGround: [],
    byCategory: [],
    byAutomatedDecision: [{ value: 'fully', count: 2 }, { value: 'not_automated', count: 1 }],
    bySource: [],
    byDecidedBy: [],
  },
  strikes: { issued: 3, withdrawn: 0, parties: 2 },
  transparencyDatabase: { pending: 1, accepted: 2, refused: 0 },
  appeals: { received: 2, decided: 1, upheld: 0, overturned: 1, medianSecondsToDecision: 3600 },
};

describe('the transparency report in the console', () => {
  it('reads the API’s report and refuses anything else rather than show wrong numbers', () => {
    expect(parseReport(report)).toEqual(report);
    expect(parseReport(undefined)).toBeUndefined();
    expect(parseReport({ ...report, restrictions: { ...report.restrictions, total: '3' } })).toBeUndefined();
    expect(parseReport({ ...report, restrictions: { ...report.restrictions, byMeasure: [{ value: 'x', count: 1.5 }] } })).toBeUndefined();
    expect(parseReport({ ...report, strikes: { issued: 1 } })).toBeUndefined();
    expect(parseReport({ ...report, appeals: { ...report.appeals, medianSecondsToDecision: 'soon' } })).toBeUndefined();
  });

  it('opens on this month to today, and asks the API for the period, as CSV when downloading', () => {
    expect(defaultPeriod(new Date('2026-12-08T15:00:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-08' });
    expect(reportUrl({ from: '2026-12-01', to: '2026-12-08' })).toBe('/admin/v1/transparency-report?from=2026-12-01&to=2026-12-08');
    expect(reportUrl({ from: '2026-12-01', to: '2026-12-08' }, 'csv')).toBe('/admin/v1/transparency-report?from=2026-12-01&to=2026-12-08&format=csv');
  });

  it('says a median time in a unit that reads', () => {
    expect(durationText(42)).toBe('42 s');
    expect(durationText(12 * 60)).toBe('12 min');
    expect(durationText(5.5 * 3600)).toBe('5.5 h');
    expect(durationText(3 * 86_400)).toBe('3.0 days');
  });

  it('is for senior moderators and admins, as the API says', () => {
    expect(canReadTransparencyReport('moderator')).toBe(false);
    expect(canReadTransparencyReport('senior_moderator')).toBe(true);
    expect(canReadTransparencyReport('admin')).toBe(true);
  });
});
