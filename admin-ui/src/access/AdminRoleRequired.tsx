import LockIcon from '@mui/icons-material/Lock';
import { Card, CardContent, Stack, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';

/** What a moderator sees on an admin page (a link, a bookmark): why, rather than a blank page. */
export function AdminRoleRequired() {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }} role="alert">
      <Title title="bonafide.access.title" />
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <LockIcon color="warning" />
          <div>
            <Typography variant="h6">{translate('bonafide.access.admin_required')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('bonafide.access.admin_required_detail')}
            </Typography>
          </div>
        </Stack>
      </CardContent>
    </Card>
  );
}
