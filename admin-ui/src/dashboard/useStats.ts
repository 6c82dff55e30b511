import { useEffect, useState } from 'react';
import { ADMIN_API_URL } from '../config.ts';
import { httpClient } from '../http/httpClient.ts';
import { parseStats, type CaseStats } from './stats.ts';

/** Reads /admin/v1/stats once per mount; `error` when the API cannot give them. */
export function useStats(): { stats: CaseStats | undefined; error: boolean } {
  const [state, setState] = useState<{ stats: CaseStats | undefined; error: boolean }>({ stats: undefined, error: false });
  useEffect(() => {
    const controller = new AbortController();
    httpClient(`${ADMIN_API_URL}/stats`, { signal: controller.signal }).then(
      (res) => {
        const stats = parseStats(res.json);
        setState({ stats, error: stats === undefined });
      },
      () => {
        if (!controller.signal.aborted) setState({ stats: undefined, error: true });
      },
    );
    return () => controller.abort();
  }, []);
  return state;
}
