import { Box, Chip, Stack, Typography } from '@mui/material';
import { useLocaleState } from 'react-admin';
import { evidenceNode, isFlatList, type EvidenceNode } from './evidenceFormat.ts';

function More({ hidden }: { hidden: number }) {
  if (hidden <= 0) return null;
  return (
    <Typography variant="caption" color="text.secondary">
      +{hidden}
    </Typography>
  );
}

function NodeView({ node }: { node: EvidenceNode }) {
  switch (node.kind) {
    case 'empty':
      return <>—</>;
    case 'text':
      return (
        <Typography component="span" variant="body2" sx={{ wordBreak: 'break-word' }}>
          {node.text}
        </Typography>
      );
    case 'list':
      return isFlatList(node) ? (
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          {node.items.map((item, index) => (
            <Chip key={index} size="small" variant="outlined" label={item.kind === 'text' ? item.text : '—'} />
          ))}
          <More hidden={node.hidden} />
        </Stack>
      ) : (
        <Box component="ol" sx={{ m: 0, pl: 2.5 }}>
          {node.items.map((item, index) => (
            <li key={index}>
              <NodeView node={item} />
            </li>
          ))}
          <More hidden={node.hidden} />
        </Box>
      );
    case 'entries':
      return (
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
          {node.entries.map((entry) => (
            <Box key={entry.key} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary" title={entry.key}>
                {entry.label}
              </Typography>
              <Box component="dd" sx={{ m: 0 }}>
                <NodeView node={entry.value} />
              </Box>
            </Box>
          ))}
          <More hidden={node.hidden} />
        </Box>
      );
  }
}

/** Any evidence value for people: numbers formatted, lists as chips, objects as definition lists, all as text. */
export function EvidenceView({ value }: { value: unknown }) {
  const [locale] = useLocaleState();
  return <NodeView node={evidenceNode(value, locale)} />;
}
