import { asyncLocalStorage, type Context } from '@temporalio/activity';
import type { LogMetadata } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../core/database.ts';
import { createListingImageTextActivities } from './listingImageText.ts';

type Logged = { level: string; message: string; meta?: LogMetadata };

/** Runs `work` as the worker runs an activity, with a logger that keeps what it is told. */
async function inActivity<T>(work: () => Promise<T>): Promise<{ result: T; logged: Logged[] }> {
  const logged: Logged[] = [];
  const log = Object.fromEntries(['trace', 'debug', 'info', 'warn', 'error'].map((level) => [level, (message: string, meta?: LogMetadata) => logged.push({ level, message, meta })]));
  const result = await asyncLocalStorage.run({ log } as unknown as Context, work);
  return { result, logged };
}

describe('readListingImageText', () => {
  it('keeps a picture OCR fails on without text, and logs why with the picture and screening', async () => {
    const updates: unknown[] = [];
    const prisma = {
      listingImage: {
        findMany: async () => [{ id: 'image-1', bytes: new Uint8Array([1, 2, 3]) }],
        update: async (args: unknown) => updates.push(args),
      },
    } as unknown as PrismaClient;
    const reader = {
      read: async () => {
        throw new Error('tesseract worker exited');
      },
      close: async () => undefined,
    };
    const activities = createListingImageTextActivities({ prisma, reader });

    const { result, logged } = await inActivity(() => activities.readListingImageText({ screeningId: 'screening-1' }));

    expect(result).toEqual({ read: 1 });
    expect(updates).toEqual([{ where: { id: 'image-1' }, data: { ocrText: '' } }]);
    expect(logged).toEqual([{ level: 'warn', message: expect.stringContaining('OCR failed'), meta: { screeningId: 'screening-1', imageId: 'image-1', error: 'tesseract worker exited' } }]);
  });
});
