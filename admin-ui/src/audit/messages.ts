/** The audit log's strings (English), merged by i18n.ts. */
export const auditResourceMessages = {
  name: 'Audit log |||| Audit log',
  fields: {
    at: 'When',
    actor: 'Who',
    action: 'What',
    objectType: 'Object',
    objectId: 'Object id',
    actorId: 'User id',
    detail: 'Detail',
    ipAddress: 'From',
  },
};
