/**
 * `?wait=N` on a submission: hold the answer until the verdict exists or N seconds pass, then
 * answer with what there is (200 with the verdict, or 202 with the id and status). The wait must
 * never outlive the connection. A waiting handler writes nothing, so the socket's idle timeout
 * (API_CONNECTION_TIMEOUT_MS, 10 s by default) used to close the connection with an empty reply
 * mid-wait: the client lost the id of a screening that had been created. So, for the wait alone,
 * the socket's idle timeout is raised to the wait plus a margin and restored afterwards, and the
 * wait is cut short of the request timeout (API_REQUEST_TIMEOUT_MS) too.
 */
import type { FastifyRequest } from 'fastify';
import type { AnswerNotifications } from './answerNotifications.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** notifications of answered subjects, for `?wait` (api/answerNotifications.ts) */
    answers: AnswerNotifications;
  }
}

/** The longest `?wait` any submission route takes, in seconds. */
export const MAX_WAIT_SECONDS = 30;
/** Time kept between the end of a wait and a timeout, to present the answer and write it. */
const ANSWER_MARGIN_MS = 3_000;

export interface ConnectionTimeouts {
  API_CONNECTION_TIMEOUT_MS: number;
  API_REQUEST_TIMEOUT_MS: number;
}

/** How long a wait asked for may last, in milliseconds, under the request timeout. */
export function waitBudgetMs(seconds: number, timeouts: ConnectionTimeouts): number {
  return Math.max(0, Math.min(seconds * 1000, MAX_WAIT_SECONDS * 1000, timeouts.API_REQUEST_TIMEOUT_MS - ANSWER_MARGIN_MS));
}

/**
 * Waits with the socket kept open until `readStatus` (read from PostgreSQL, so any API replica
 * can answer) gives one of the capability's answered statuses (its declaration's
 * `answeredStatuses`, core/capability.ts); false when nothing was asked for or the wait ran out.
 * The row is read once, then again each time the server's answer notifications name `subjectId`
 * (and, as a safety net, every `readIntervalMs`).
 */
export async function waitForAnswer(
  request: FastifyRequest,
  seconds: number,
  timeouts: ConnectionTimeouts,
  subject: { id: string; answeredStatuses: readonly string[] },
  readStatus: () => Promise<string | undefined>,
): Promise<boolean> {
  const subjectId = subject.id;
  const budgetMs = waitBudgetMs(seconds, timeouts);
  if (budgetMs === 0) return false;
  const socket = request.raw.socket as { setTimeout?: (ms: number) => unknown } | undefined;
  const holdsSocket = typeof socket?.setTimeout === 'function' && budgetMs + ANSWER_MARGIN_MS > timeouts.API_CONNECTION_TIMEOUT_MS;
  if (holdsSocket) socket!.setTimeout!(budgetMs + ANSWER_MARGIN_MS);
  const answers = request.server.answers;
  // Subscribed before the first read: an answer committed between the read and the sleep still wakes it.
  let announced = false;
  let wake: (() => void) | undefined;
  const unsubscribe = answers.subscribe(subjectId, () => {
    announced = true;
    wake?.();
  });
  try {
    const deadline = Date.now() + budgetMs;
    for (;;) {
      announced = false;
      const status = await readStatus();
      if (status !== undefined && subject.answeredStatuses.includes(status)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      if (announced) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, answers.readIntervalMs()));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    unsubscribe();
    if (holdsSocket) socket!.setTimeout!(timeouts.API_CONNECTION_TIMEOUT_MS);
  }
}
