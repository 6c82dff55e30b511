/**
 * A fingerprint thread (fingerprintThreads.ts): decodes and hashes the pictures it is sent, each
 * answered by its id with the fingerprint or the `ImageFingerprintError` code.
 */
import { parentPort } from 'node:worker_threads';
import { fingerprintImage, ImageFingerprintError, type FingerprintLimits } from '../detectors/listingImages/fingerprint.ts';

export interface FingerprintTask {
  id: number;
  bytes: Uint8Array;
  limits: Partial<FingerprintLimits>;
}

export type FingerprintAnswer =
  | { id: number; ok: true; width: number; height: number; fingerprints: { variant: string; hash: Uint8Array }[] }
  | { id: number; ok: false; code: string | null; message: string };

const port = parentPort;
if (port) {
  port.on('message', (task: FingerprintTask) => {
    void fingerprintImage(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), task.limits).then(
      ({ width, height, fingerprints }) => port.postMessage({ id: task.id, ok: true, width, height, fingerprints: fingerprints.map(({ variant, hash }) => ({ variant, hash: new Uint8Array(hash) })) } satisfies FingerprintAnswer),
      (error: unknown) => port.postMessage({ id: task.id, ok: false, code: error instanceof ImageFingerprintError ? error.code : null, message: error instanceof Error ? error.message : String(error) } satisfies FingerprintAnswer),
    );
  });
}
