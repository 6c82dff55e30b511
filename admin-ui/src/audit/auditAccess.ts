/** The API opens the audit log to senior moderators and admins (403 for moderators). */
export const canReadAuditLog = (permissions: unknown): boolean => permissions === 'senior_moderator' || permissions === 'admin';
