/**
 * Reads the words printed on a listing picture (a logo, "REPLICA" on a tag, a brand on a box)
 * with tesseract.js, for the text detectors. English LSTM data from the @tesseract.js-data/eng
 * package (no CDN, no cache written); `threads` Tesseract workers (worker threads, one picture
 * each at a time) started on first use. Pictures are
 * shrunk to LISTING_OCR_MAX_SIDE and made grey first: product text is large, and reading time
 * grows with the pixels.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { createScheduler, createWorker, OEM, PSM, type Scheduler } from 'tesseract.js';

export const LISTING_OCR_MAX_SIDE = 1200;
/** Text kept per picture (a picture of a page of text is not a listing's business). */
export const LISTING_OCR_MAX_CHARACTERS = 5000;

export interface ListingTextReader {
  read(image: Buffer): Promise<string>;
  close(): Promise<void>;
}

function languageData(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

export function createListingTextReader({ threads = 1 }: { threads?: number } = {}): ListingTextReader {
  let scheduler: Promise<Scheduler> | null = null;
  const started = () => {
    if (!scheduler) {
      const starting = (async () => {
        const created = createScheduler();
        const workers = await Promise.all(Array.from({ length: threads }, () => createWorker('eng', OEM.LSTM_ONLY, { langPath: languageData(), cacheMethod: 'none', gzip: true })));
        for (const worker of workers) {
          await worker.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT, user_defined_dpi: '300' });
          created.addWorker(worker);
        }
        return created;
      })();
      // a failed start (missing language data, say) is retried by the next call, not cached
      starting.catch(() => {
        if (scheduler === starting) scheduler = null;
      });
      scheduler = starting;
    }
    return scheduler;
  };
  return {
    async read(image) {
      const prepared = await sharp(image, { limitInputPixels: 40_000_000 })
        .rotate()
        .resize({ width: LISTING_OCR_MAX_SIDE, height: LISTING_OCR_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .grayscale()
        .png()
        .toBuffer();
      const { data } = await (await started()).addJob('recognize', prepared, {}, { blocks: true, text: true });
      // words Tesseract is unsure of are mostly texture read as letters
      const words = (data.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines.flatMap((line) => line.words)));
      const text = words.filter((word) => word.confidence >= 60).map((word) => word.text).join(' ');
      return text.slice(0, LISTING_OCR_MAX_CHARACTERS);
    },
    async close() {
      if (!scheduler) return;
      const running = scheduler;
      scheduler = null;
      await (await running).terminate();
    },
  };
}
