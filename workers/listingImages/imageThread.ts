/**
 * An image thread (imageThreads.ts): runs the picture work it is sent (a fingerprint, or two
 * photos compared aligned), each answered by its id with the result or the error's code.
 */
import { parentPort } from 'node:worker_threads';
import { fingerprintImage, ImageFingerprintError, type FingerprintLimits } from '../detectors/listingImages/fingerprint.ts';
import { comparePhotographs, type PhotographComparison } from '../detectors/listingImages/samePhotograph.ts';

export type ImageTask =
  | { id: number; kind: 'fingerprint'; bytes: Uint8Array; limits: Partial<FingerprintLimits> }
  | { id: number; kind: 'compare'; original: Uint8Array; copy: Uint8Array };

export type ImageAnswer =
  | { id: number; ok: true; kind: 'fingerprint'; width: number; height: number; fingerprints: { variant: string; hash: Uint8Array }[] }
  | { id: number; ok: true; kind: 'compare'; comparison: PhotographComparison }
  | { id: number; ok: false; code: string | null; message: string };

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

async function run(task: ImageTask): Promise<ImageAnswer> {
  if (task.kind === 'compare') return { id: task.id, ok: true, kind: 'compare', comparison: await comparePhotographs(asBuffer(task.original), asBuffer(task.copy)) };
  const { width, height, fingerprints } = await fingerprintImage(asBuffer(task.bytes), task.limits);
  return { id: task.id, ok: true, kind: 'fingerprint', width, height, fingerprints: fingerprints.map(({ variant, hash }) => ({ variant, hash: new Uint8Array(hash) })) };
}

const port = parentPort;
if (port) {
  port.on('message', (task: ImageTask) => {
    void run(task).then(
      (answer) => port.postMessage(answer),
      (error: unknown) => port.postMessage({ id: task.id, ok: false, code: error instanceof ImageFingerprintError ? error.code : null, message: error instanceof Error ? error.message : String(error) } satisfies ImageAnswer),
    );
  });
}
