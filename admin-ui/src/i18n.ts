import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { operatorMessages, operatorResourceMessages } from './access/operatorMessages.ts';

/** Every console string lives here; react-admin's own strings come from ra-language-english. */
const messages: TranslationMessages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    // The stock login form's "username" field takes the moderator's email.
    auth: { ...englishMessages.ra.auth, username: 'Email' },
  },
  resources: {
    ...operatorResourceMessages,
    cases: {
      name: 'Case |||| Cases',
      fields: {
        priority: 'Priority',
        reasons: 'Reasons',
        slaDueAt: 'SLA due',
        slaBreaches: 'SLA breaches',
        createdAt: 'Created',
        decidedAt: 'Decided',
        status: 'Status',
      },
    },
  },
  bonafide: {
    ...operatorMessages,
    title: 'Bonafide moderator console',
    auth: {
      api_unreachable: 'Cannot reach the Bonafide API. Try again in a moment.',
      bad_session: 'The API returned an unexpected session. Please sign in again.',
    },
    roles: {
      moderator: 'Moderator',
      senior_moderator: 'Senior moderator',
      admin: 'Administrator',
    },
    cases: {
      priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
      status: { open: 'Open', decided: 'Decided', all: 'All' },
      outcome: { approve: 'Approve', reject: 'Reject', escalate: 'Escalate' },
      action: { reject: 'Reject', escalate: 'Escalate' },
      show: {
        title: 'Case %{id}',
        subject: '%{type} %{id}',
        decided_by: 'Decided by moderator %{moderator}',
        verdict: 'Automated verdict',
        no_verdict: 'The policy has not given a verdict on this vetting.',
        subject_missing: 'The vetting this case is about could not be found.',
        score: 'Score %{score}',
        policy: 'Policy %{key} v%{version}',
        reasons: 'Reasons for review',
        no_reasons: 'No reasons recorded.',
        signals: 'Signals',
        no_signals: 'The detectors raised no signals.',
      },
      reason: { code: 'Code', action: 'Action', severity: 'Severity', score: 'Score', summary: 'Summary' },
      signal: {
        code: 'Code',
        severity: 'Severity',
        score: 'Score',
        summary: 'Summary',
        evidence: 'Evidence',
        detector: 'Detector',
      },
      decision: {
        title: 'Decision',
        note: 'Note (optional)',
        note_help: 'Kept with the decision. At most %{max} characters.',
        note_too_long: 'The note is longer than %{max} characters.',
        approve: 'Approve',
        reject: 'Reject',
        accepted_approve: 'Case approved',
        accepted_reject: 'Case rejected',
        already_decided: 'Another moderator has already decided this case.',
        not_awaiting: 'This case cannot take a decision right now.',
        conflict: 'This case was settled elsewhere.',
        failed: 'The decision could not be saved. Try again.',
      },
    },
    dashboard: {
      welcome: 'Welcome, %{name}',
      health: {
        title: 'Platform health',
        ok: 'All systems up',
        degraded: 'Degraded',
        unreachable: 'Health check unreachable',
        checking: 'Checking…',
        up: 'Up',
        down: 'Down',
        unknown: 'Unknown',
        latency: '%{ms} ms',
        checked_at: 'Checked at %{time}',
        refresh: 'Check again',
      },
      session: {
        title: 'Signed in',
        role: 'Role: %{role}',
      },
      links: {
        title: 'Tools',
        api_docs: 'API documentation',
        api_docs_hint: 'OpenAPI reference of the Bonafide API',
        temporal: 'Temporal Web UI',
        temporal_hint: 'Workflow executions and task queues',
      },
    },
  },
};

export const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ locale: 'en', name: 'English' }], {
  allowMissing: true,
});
