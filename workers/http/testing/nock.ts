/**
 * nock for tests of modules that call third parties. Pinned to nock 14: nock 15's interceptors
 * need Node 22. Tests avoid two Node 20 quirks: aborting while nock streams a `.delay()`ed body
 * crashes undici (so slow providers are simulated by delaying the whole reply, `replyAfter`),
 * and a refused connection is simulated with an unmocked host or a real closed port.
 */
import nock from 'nock';

/** A nock reply function that answers `status`/`body` only after `delayMs` (headers delayed too). */
export function replyAfter(delayMs: number, status: number, body: string | Record<string, unknown> = '') {
  return async (): Promise<[number, string | Record<string, unknown>]> => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return [status, body];
  };
}

export { nock };
