import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { operatorMessages, operatorResourceMessages } from './access/operatorMessages.ts';
import { auditResourceMessages } from './audit/messages.ts';
import { transparencyMessages, transparencyResourceMessages } from './transparency/messages.ts';
import { caseMessages, caseResourceMessages } from './cases/messages.ts';
import { dashboardMessages } from './dashboard/messages.ts';
import { queueMessages, queueResourceMessages } from './queues/messages.ts';
import { batchMessages, batchResourceMessages, batchResultResourceMessages } from './batches/messages.ts';
import { consoleCapabilities } from './capabilities.ts';

/**
 * Every console string: shared ones here, each screen's in its folder's messages.ts (merged
 * below); react-admin's own strings come from ra-language-english.
 */
const messages: TranslationMessages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    // The stock login form's "username" field takes the moderator's email.
    auth: { ...englishMessages.ra.auth, username: 'Email' },
  },
  resources: {
    ...operatorResourceMessages,
    cases: caseResourceMessages,
    queues: queueResourceMessages,
    'audit-log': auditResourceMessages,
    'transparency-report': transparencyResourceMessages,
    batches: batchResourceMessages,
    'batch-results': batchResultResourceMessages,
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
    cases: caseMessages,
    queues: queueMessages,
    batches: batchMessages,
    ...Object.fromEntries(consoleCapabilities.map((capability) => [capability.messageKey, capability.messages])),
    dashboard: dashboardMessages,
    transparency: transparencyMessages,
  },
};

export const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ locale: 'en', name: 'English' }], {
  allowMissing: true,
});
