/**
 * Picture work on worker threads, one per core by default: fingerprints (hashing is CPU in
 * JavaScript) and photos compared aligned (OpenCV in WebAssembly). In the activity's own thread a
 * batch's pictures would hash one at a time whatever the cores, and nothing else of the worker
 * (other activities, workflow tasks, heartbeats) would run meanwhile. Each task goes to the
 * thread with the fewest in hand. Threads start on first use and do not keep the process alive;
 * a thread loads OpenCV only when it first compares.
 *
 * Where a thread cannot run (a runtime that cannot load the thread's module, or one that dies),
 * the work is done in this thread instead: slower, never lost.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fingerprintImage, ImageFingerprintError, type FingerprintLimits, type FingerprintVariant, type ImageFingerprint, type ImageFingerprintErrorCode } from '../detectors/listingImages/fingerprint.ts';
import { comparePhotographs, type PhotographComparison } from '../detectors/listingImages/samePhotograph.ts';
import type { ImageAnswer, ImageTask } from './imageThread.ts';

export type FingerprintPicture = (bytes: Buffer, limits?: Partial<FingerprintLimits>) => Promise<ImageFingerprint>;
export type ComparePhotographs = (original: Buffer, copy: Buffer) => Promise<PhotographComparison>;

export interface ImageThreads {
  fingerprint: FingerprintPicture;
  comparePhotographs: ComparePhotographs;
  /** the threads at work (none before the first task, and none once the work fell back to this thread) */
  threads(): number;
  close(): Promise<void>;
}

type Work = { kind: 'fingerprint'; bytes: Buffer; limits: Partial<FingerprintLimits> } | { kind: 'compare'; original: Buffer; copy: Buffer };

interface Pending {
  work: Work;
  resolve: (result: ImageFingerprint | PhotographComparison) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

const inThisThread = ({ work, resolve, reject }: Pending) =>
  void (work.kind === 'compare' ? comparePhotographs(work.original, work.copy) : fingerprintImage(work.bytes, work.limits)).then(resolve, reject);

function resultOf(answer: Extract<ImageAnswer, { ok: true }>): ImageFingerprint | PhotographComparison {
  if (answer.kind === 'compare') return answer.comparison;
  return { width: answer.width, height: answer.height, fingerprints: answer.fingerprints.map(({ variant, hash }) => ({ variant: variant as FingerprintVariant, hash: Buffer.from(hash) })) };
}

export function createImageThreads({ threads = availableParallelism() }: { threads?: number } = {}): ImageThreads {
  let pool: Thread[] | undefined;
  let broken = false;
  let nextId = 0;

  const retire = (thread: Thread) => {
    // its work is done here; later work too
    broken = true;
    for (const task of thread.pending.values()) inThisThread(task);
    thread.pending.clear();
    void thread.worker.terminate();
  };
  const start = (): Thread[] =>
    Array.from({ length: Math.max(1, threads) }, () => {
      const thread: Thread = { worker: new Worker(new URL('./imageThread.mjs', import.meta.url)), pending: new Map() };
      thread.worker.on('message', (answer: ImageAnswer) => {
        const task = thread.pending.get(answer.id);
        if (!task) return;
        thread.pending.delete(answer.id);
        if (answer.ok) task.resolve(resultOf(answer));
        else task.reject(answer.code ? new ImageFingerprintError(answer.code as ImageFingerprintErrorCode, answer.message) : new Error(answer.message));
      });
      thread.worker.on('error', () => retire(thread));
      thread.worker.on('exit', () => retire(thread));
      // after the listeners: adding a 'message' listener refs the worker's port again, and idle
      // threads then kept a finished process alive
      thread.worker.unref();
      return thread;
    });

  const submit = (work: Work) =>
    new Promise<ImageFingerprint | PhotographComparison>((resolve, reject) => {
      const task: Pending = { work, resolve, reject };
      if (broken) return inThisThread(task);
      pool ??= start();
      const thread = pool.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
      const id = nextId++;
      thread.pending.set(id, task);
      const message: ImageTask = work.kind === 'compare' ? { id, kind: 'compare', original: work.original, copy: work.copy } : { id, kind: 'fingerprint', bytes: work.bytes, limits: work.limits };
      thread.worker.postMessage(message);
    });

  return {
    fingerprint: async (bytes, limits = {}) => (await submit({ kind: 'fingerprint', bytes, limits })) as ImageFingerprint,
    comparePhotographs: async (original, copy) => (await submit({ kind: 'compare', original, copy })) as PhotographComparison,
    threads: () => (broken ? 0 : (pool?.length ?? 0)),
    async close() {
      const running = pool ?? [];
      pool = undefined;
      for (const thread of running) thread.worker.removeAllListeners('exit');
      await Promise.all(running.map((thread) => thread.worker.terminate()));
    },
  };
}
