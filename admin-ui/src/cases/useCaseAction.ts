import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { actionFailure } from './decision.ts';

/**
 * Runs one action on a case at a time (pessimistic: nothing changes on screen until the API
 * answered), tells the moderator why it failed with the API's own words, and reloads the case
 * when it changed under them.
 */
export function useCaseAction() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState<string>();

  const run = async (name: string, action: () => Promise<void>, success?: string): Promise<boolean> => {
    setPending(name);
    try {
      await action();
      if (success) notify(success, { type: 'success' });
      refresh();
      return true;
    } catch (error) {
      const failure = actionFailure(error);
      notify(failure.message, { type: failure.settled ? 'warning' : 'error', autoHideDuration: 8000 });
      if (failure.settled) refresh();
      return false;
    } finally {
      setPending(undefined);
    }
  };
  return { pending, run };
}
