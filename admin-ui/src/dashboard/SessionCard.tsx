import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import { Card, CardContent, CardHeader, Skeleton, Typography } from '@mui/material';
import { useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import { isRole } from '../session.ts';

/** Dashboard card: who is signed in, and with which role. */
export function SessionCard() {
  const translate = useTranslate();
  const { identity, isPending } = useGetIdentity();
  const { permissions } = usePermissions<unknown>();
  const role = isRole(permissions) ? translate(`bonafide.roles.${permissions}`) : '—';

  return (
    <Card>
      <CardHeader
        avatar={<AccountCircleIcon color="primary" />}
        title={translate('bonafide.dashboard.session.title')}
      />
      <CardContent sx={{ pt: 0 }}>
        {isPending ? (
          <Skeleton width="60%" />
        ) : (
          <Typography variant="h6" component="p">
            {identity?.fullName ?? '—'}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary">
          {translate('bonafide.dashboard.session.role', { role })}
        </Typography>
      </CardContent>
    </Card>
  );
}
