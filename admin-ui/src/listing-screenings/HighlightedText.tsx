import { Box, Tooltip } from '@mui/material';
import { segmentsOf, type Highlight } from './listingSubject.ts';

/**
 * The listing's text as the seller wrote it, with suspicious words marked. Every segment is a
 * text child (React escapes it): markup in a listing stays visible as characters, never runs.
 */
export function HighlightedText({ value, highlights, field }: { value: string; highlights: readonly Highlight[]; field: string }) {
  return (
    <Box component="p" data-testid={`listing-${field}`} sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', m: 0 }}>
      {segmentsOf(value, highlights, field).map((segment, index) =>
        segment.highlight ? (
          <Tooltip key={index} title={segment.highlight.label || segment.highlight.code}>
            <Box component="mark" data-code={segment.highlight.code} sx={{ bgcolor: segment.highlight.code === 'listing.counterfeit_cue' ? 'error.light' : 'warning.light', px: 0.25, borderRadius: 0.5 }}>
              {segment.text}
            </Box>
          </Tooltip>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </Box>
  );
}
