/**
 * Picture fingerprints on worker threads, one per core by default: hashing is CPU in JavaScript,
 * so in the activity's own thread a batch's pictures hash one at a time whatever the cores, and
 * nothing else of the worker (other activities, workflow tasks, heartbeats) runs meanwhile.
 * Each task goes to the thread with the fewest in hand. Threads start on first use and do not
 * keep the process alive.
 *
 * Where a thread cannot run (a runtime that cannot load the thread's module, or one that dies),
 * the pictures are hashed in this thread instead: slower, never lost.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fingerprintImage, ImageFingerprintError, type FingerprintLimits, type FingerprintVariant, type ImageFingerprint, type ImageFingerprintErrorCode } from '../detectors/listingImages/fingerprint.ts';
import type { FingerprintAnswer } from './fingerprintThread.ts';

export type FingerprintPicture = (bytes: Buffer, limits?: Partial<FingerprintLimits>) => Promise<ImageFingerprint>;

export interface FingerprintThreads {
  fingerprint: FingerprintPicture;
  /** the threads hashing (none before the first picture, and none once hashing fell back to this thread) */
  threads(): number;
  close(): Promise<void>;
}

interface Pending {
  bytes: Buffer;
  limits: Partial<FingerprintLimits>;
  resolve: (fingerprint: ImageFingerprint) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

export function createFingerprintThreads({ threads = availableParallelism() }: { threads?: number } = {}): FingerprintThreads {
  let pool: Thread[] | undefined;
  let broken = false;
  let nextId = 0;

  const inThisThread = (task: Pending) => void fingerprintImage(task.bytes, task.limits).then(task.resolve, task.reject);
  const retire = (thread: Thread) => {
    // its pictures are hashed here; later ones too
    broken = true;
    for (const task of thread.pending.values()) inThisThread(task);
    thread.pending.clear();
    void thread.worker.terminate();
  };
  const start = (): Thread[] =>
    Array.from({ length: Math.max(1, threads) }, () => {
      const thread: Thread = { worker: new Worker(new URL('./fingerprintThread.mjs', import.meta.url)), pending: new Map() };
      thread.worker.on('message', (answer: FingerprintAnswer) => {
        const task = thread.pending.get(answer.id);
        if (!task) return;
        thread.pending.delete(answer.id);
        if (answer.ok) task.resolve({ width: answer.width, height: answer.height, fingerprints: answer.fingerprints.map(({ variant, hash }) => ({ variant: variant as FingerprintVariant, hash: Buffer.from(hash) })) });
        else task.reject(answer.code ? new ImageFingerprintError(answer.code as ImageFingerprintErrorCode, answer.message) : new Error(answer.message));
      });
      thread.worker.on('error', () => retire(thread));
      thread.worker.on('exit', () => retire(thread));
      // after the listeners: adding a 'message' listener refs the worker's port again, and idle
      // threads then kept a finished process alive
      thread.worker.unref();
      return thread;
    });

  return {
    fingerprint: (bytes, limits = {}) =>
      new Promise<ImageFingerprint>((resolve, reject) => {
        const task: Pending = { bytes, limits, resolve, reject };
        if (broken) return inThisThread(task);
        pool ??= start();
        const thread = pool.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
        const id = nextId++;
        thread.pending.set(id, task);
        thread.worker.postMessage({ id, bytes, limits });
      }),
    threads: () => (broken ? 0 : (pool?.length ?? 0)),
    async close() {
      const running = pool ?? [];
      pool = undefined;
      for (const thread of running) thread.worker.removeAllListeners('exit');
      await Promise.all(running.map((thread) => thread.worker.terminate()));
    },
  };
}
