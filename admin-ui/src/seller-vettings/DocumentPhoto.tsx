import { Box, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { ADMIN_API_URL } from '../config.ts';
import type { VettingSubject } from './vettingSubject.ts';

/**
 * The identity document photo, streamed by the API from the encrypted store to this moderator
 * only (the session cookie goes with the image request); the API records every view.
 */
export function DocumentPhoto({ caseId, subject }: { caseId: string; subject: VettingSubject }) {
  const translate = useTranslate();
  const [failed, setFailed] = useState(false);
  const src = `${ADMIN_API_URL}/cases/${encodeURIComponent(caseId)}/attachments/document`;
  const info = subject.document;
  return (
    <Box>
      {failed ? (
        <Typography color="error">{translate('bonafide.vetting.photo_unavailable')}</Typography>
      ) : (
        <Box
          component="img"
          src={src}
          alt={translate('bonafide.vetting.photo_alt')}
          onError={() => setFailed(true)}
          sx={{ display: 'block', maxWidth: '100%', maxHeight: 420, border: 1, borderColor: 'divider', borderRadius: 1 }}
        />
      )}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        {translate('bonafide.vetting.photo_audited')}
        {info ? ` · ${info.mimeType}, ${info.width}×${info.height}` : ''}
      </Typography>
    </Box>
  );
}
