import { Alert } from '@mui/material';
import type { ReactNode } from 'react';
import { usePermissions, useTranslate } from 'react-admin';
import { canDefineQueues } from './queueBody.ts';

/** Create and edit pages are for admins; others who reach them by URL are told so. */
export function AdminsOnly({ children }: { children: ReactNode }) {
  const { permissions, isPending } = usePermissions<unknown>();
  const translate = useTranslate();
  if (isPending) return null;
  if (!canDefineQueues(permissions)) return <Alert severity="warning" sx={{ mt: 2 }}>{translate('bonafide.queues.admins_only')}</Alert>;
  return <>{children}</>;
}
