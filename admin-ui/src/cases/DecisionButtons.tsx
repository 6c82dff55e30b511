import { Button, CircularProgress } from '@mui/material';
import { useTranslate } from 'react-admin';
import { decisionBlocker } from './decision.ts';
import type { DecisionOption } from './types.ts';

interface Props {
  decisions: DecisionOption[];
  note: string;
  pending: string | undefined;
  onDecide: (option: DecisionOption) => void;
}

/** One button per decision the capability allows; a decision that needs a note waits for one. */
export function DecisionButtons({ decisions, note, pending, onDecide }: Props) {
  const translate = useTranslate();
  return (
    <>
      {decisions.map((option) => {
        const blocker = decisionBlocker(option, note);
        const hint = blocker ? translate(`bonafide.cases.decision.${blocker}`, { label: option.label }) : undefined;
        return (
          <span key={option.value} title={hint}>
            <Button
              variant="contained"
              color={option.destructive ? 'error' : 'primary'}
              disabled={pending !== undefined || blocker !== null}
              startIcon={pending === `decide:${option.value}` ? <CircularProgress size={16} color="inherit" /> : undefined}
              onClick={() => onDecide(option)}
            >
              {option.label}
            </Button>
          </span>
        );
      })}
    </>
  );
}
