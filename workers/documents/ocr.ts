/**
 * Tesseract (WebAssembly, tesseract.js) set up for MRZ reading and nothing else: English data from
 * the @tesseract.js-data/eng package (no CDN, no cache written), a character whitelist of
 * A-Z 0-9 `<`, dictionaries off (MRZ text is not words) and page segmentation "single uniform
 * block". The legacy engine is the default: on OCR-B it keeps `<` runs intact where the LSTM
 * engine reads them as K and L. Workers start on first use and are reused until close().
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createScheduler, createWorker, OEM, PSM, type Line, type Page, type Scheduler } from 'tesseract.js';
import type { OcrLine } from './mrzLines.ts';

export type OcrEngineKind = 'legacy' | 'lstm';

export interface MrzOcrOptions {
  engine?: OcrEngineKind;
  /** parallel Tesseract workers (each holds its own model in memory, ~100 MB) */
  workers?: number;
}

export interface MrzOcr {
  /** text lines of a grayscale image, with Tesseract's confidence scaled to 0..1 */
  recognizeLines(image: Buffer): Promise<OcrLine[]>;
  close(): Promise<void>;
}

const mrzAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** The language-data folder inside the installed package, wherever node_modules is. */
function languageDataFolder(engine: OcrEngineKind): string {
  const require = createRequire(import.meta.url);
  const packageRoot = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
  // Only the 4.0.0 data carries the legacy model; 4.0.0_best_int is the smaller LSTM-only one.
  return path.join(packageRoot, engine === 'legacy' ? '4.0.0' : '4.0.0_best_int');
}

async function startScheduler(engine: OcrEngineKind, workerCount: number): Promise<Scheduler> {
  const scheduler = createScheduler();
  const workers = await Promise.all(
    Array.from({ length: workerCount }, () =>
      createWorker('eng', engine === 'legacy' ? OEM.TESSERACT_ONLY : OEM.LSTM_ONLY, {
        langPath: languageDataFolder(engine),
        cacheMethod: 'none',
        gzip: true,
      }, { load_system_dawg: '0', load_freq_dawg: '0' }),
    ),
  );
  for (const worker of workers) {
    await worker.setParameters({
      tessedit_char_whitelist: mrzAlphabet,
      tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
      // The legacy classifier otherwise adapts to each page it reads, so results would depend on
      // which documents the worker saw before.
      classify_enable_learning: '0',
      // Our PNGs carry no resolution; without one Tesseract guesses and warns on every image.
      user_defined_dpi: '300',
    });
    scheduler.addWorker(worker);
  }
  return scheduler;
}

function pageLines(page: Page): OcrLine[] {
  const lines: Line[] = (page.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
  return lines.map((line) => ({ text: line.text.trim(), confidence: line.confidence / 100, top: line.bbox.y0, bottom: line.bbox.y1 }));
}

export function createMrzOcr({ engine = 'legacy', workers = 1 }: MrzOcrOptions = {}): MrzOcr {
  let started: Promise<Scheduler> | null = null;
  const scheduler = (): Promise<Scheduler> => {
    if (!started) {
      const starting = startScheduler(engine, workers);
      // A failed start (missing language data, say) is retried by the next call, not cached.
      starting.catch(() => {
        if (started === starting) started = null;
      });
      started = starting;
    }
    return started;
  };
  return {
    async recognizeLines(image) {
      const result = await (await scheduler()).addJob('recognize', image, {}, { blocks: true, text: true });
      return pageLines(result.data);
    },
    async close() {
      if (!started) return;
      const running = started;
      started = null;
      await (await running).terminate();
    },
  };
}
