import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BuildIcon from '@mui/icons-material/Build';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import { Card, CardContent, CardHeader, List, ListItemButton, ListItemIcon, ListItemText } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { API_DOCS_URL, TEMPORAL_UI_URL } from '../config.ts';

interface ToolLink {
  href: string;
  icon: ReactNode;
  label: string;
  hint: string;
}

const LINKS: ToolLink[] = [
  { href: API_DOCS_URL, icon: <MenuBookIcon />, label: 'api_docs', hint: 'api_docs_hint' },
  { href: TEMPORAL_UI_URL, icon: <AccountTreeIcon />, label: 'temporal', hint: 'temporal_hint' },
];

/** Dashboard card linking to the API reference and the Temporal Web UI (new tabs). */
export function LinksCard() {
  const translate = useTranslate();
  const t = (key: string) => translate(`bonafide.dashboard.links.${key}`);
  return (
    <Card>
      <CardHeader avatar={<BuildIcon color="primary" />} title={t('title')} />
      <CardContent sx={{ pt: 0 }}>
        <List dense disablePadding>
          {LINKS.map((link) => (
            <ListItemButton key={link.label} component="a" href={link.href} target="_blank" rel="noopener noreferrer">
              <ListItemIcon>{link.icon}</ListItemIcon>
              <ListItemText primary={t(link.label)} secondary={t(link.hint)} />
            </ListItemButton>
          ))}
        </List>
      </CardContent>
    </Card>
  );
}
