import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, TextField, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { IssuedApiKeyRecord } from './types.ts';

/**
 * The new key, shown this once (only its hash is stored): a read-only field and a copy button.
 * Closing the dialog is the admin saying the key is kept somewhere safe.
 */
export function IssuedKeyDialog({ issued, onClose }: { issued: IssuedApiKeyRecord; onClose: () => void }) {
  const translate = useTranslate();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(issued.key);
    setCopied(true);
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="issued-key-title">
      <DialogTitle id="issued-key-title">{translate('bonafide.api_keys.issued_title', { name: issued.name })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('bonafide.api_keys.shown_once')}
        </Alert>
        <TextField
          value={issued.key}
          fullWidth
          label={translate('bonafide.api_keys.key')}
          slotProps={{
            htmlInput: { readOnly: true, 'data-testid': 'issued-key', spellCheck: false },
            input: {
              endAdornment: (
                <Tooltip title={translate(copied ? 'bonafide.api_keys.copied' : 'bonafide.api_keys.copy')}>
                  <IconButton onClick={copy} aria-label={translate('bonafide.api_keys.copy')}>
                    <ContentCopyIcon />
                  </IconButton>
                </Tooltip>
              ),
            },
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained">
          {translate('bonafide.api_keys.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
