/** The queue screens' strings (English), merged by i18n.ts. */
export const queueResourceMessages = {
  name: 'Queue |||| Queues',
  fields: {
    name: 'Name',
    description: 'Description',
    open: 'Open',
    overdue: 'Overdue',
    subjectTypes: 'Kinds of case',
    signalCodes: 'Signal codes',
    priorities: 'Priorities',
    tenantIds: 'Marketplaces',
    roles: 'Roles allowed',
  },
};

export const queueMessages = {
  admins_only: 'Only administrators define queues.',
  help: {
    any: 'None ticked: any.',
    signal_codes: 'A case enters the queue when it has any of these signals (e.g. document.name_mismatch). Empty: any.',
    marketplaces: 'Marketplace ids. Empty: every marketplace.',
    roles: 'Who may work the queue (admins always may). None ticked: every role.',
  },
};
