import { Box, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { ADMIN_API_URL } from '../config.ts';

/** One picture streamed by the API as a case attachment (the session cookie goes with the request). */
export function PictureFrame({ caseId, attachment, alt, caption }: { caseId: string; attachment: string; alt: string; caption: string }) {
  const translate = useTranslate();
  const [failed, setFailed] = useState(false);
  const src = `${ADMIN_API_URL}/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachment)}`;
  return (
    <Box sx={{ width: 220 }}>
      {failed ? (
        <Typography color="error" variant="body2">{translate('bonafide.listing.picture_unavailable')}</Typography>
      ) : (
        <Box component="img" src={src} alt={alt} onError={() => setFailed(true)} sx={{ display: 'block', width: '100%', maxHeight: 220, objectFit: 'contain', border: 1, borderColor: 'divider', borderRadius: 1 }} />
      )}
      <Typography variant="caption" color="text.secondary">{caption}</Typography>
    </Box>
  );
}
