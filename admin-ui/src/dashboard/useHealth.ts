import { useCallback, useEffect, useState } from 'react';
import { HEALTH_REFRESH_MS, HEALTH_URL } from '../config.ts';
import { browserFetch, type FetchFn } from '../http/httpClient.ts';
import { loadHealth, type HealthSnapshot } from './health.ts';

/** Polls /healthz every `refreshMs`; `refresh` checks again right away. */
export function useHealth(
  fetchFn: FetchFn = browserFetch,
  refreshMs = HEALTH_REFRESH_MS,
): { snapshot: HealthSnapshot | undefined; refresh: () => void } {
  const [snapshot, setSnapshot] = useState<HealthSnapshot>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    loadHealth(fetchFn, HEALTH_URL, controller.signal).then(setSnapshot, () => undefined);
    const timer = window.setTimeout(() => setRound((n) => n + 1), refreshMs);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [fetchFn, refreshMs, round]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { snapshot, refresh };
}
