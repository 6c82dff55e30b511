import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

/** Every console string lives here; react-admin's own strings come from ra-language-english. */
const messages: TranslationMessages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    // The stock login form's "username" field takes the moderator's email.
    auth: { ...englishMessages.ra.auth, username: 'Email' },
  },
  bonafide: {
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
