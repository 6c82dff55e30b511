import { Box, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { ADMIN_API_URL } from '../config.ts';

/**
 * One picture streamed by the API as a case attachment (`/admin/v1/cases/:id/attachments/:name`:
 * the session cookie goes with the request, the view is audited), for any capability's panel.
 */
export function AttachmentPicture({ caseId, attachment, alt, caption, testId, children }: { caseId: string; attachment: string; alt: string; caption: string; testId?: string; children?: ReactNode }) {
  const translate = useTranslate();
  const [failed, setFailed] = useState(false);
  const src = `${ADMIN_API_URL}/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachment)}`;
  return (
    <Box sx={{ width: 220 }} data-testid={testId}>
      {failed ? (
        <Typography color="error" variant="body2">{translate('bonafide.cases.show.attachment_unavailable')}</Typography>
      ) : (
        <Box component="img" src={src} alt={alt} onError={() => setFailed(true)} sx={{ display: 'block', width: '100%', maxHeight: 220, objectFit: 'contain', border: 1, borderColor: 'divider', borderRadius: 1 }} />
      )}
      <Typography variant="caption" color="text.secondary">{caption}</Typography>
      {children}
    </Box>
  );
}
