/**
 * The project's commands (`npm run setup`, `npm start`, `npm test`, `npm run test:cluster`),
 * reached through scripts/bootstrap.sh once npm dependencies are installed.
 */
import path from 'node:path';
import { loadConfigOrExit } from '../core/config.ts';
import { loadDotEnv } from '../core/dotenv.ts';
import { CHROMIUM_PATH, ensureChromium } from './chromium.ts';
import { generatePrismaClient } from './database.ts';
import { ensureDebianPictures } from './debianPictures.ts';
import { run } from './processes.ts';
import { root, setUp } from './setup.ts';
import { startPlatform } from './start.ts';
import { ensureTemporalCli } from './temporalCli.ts';

const [command = 'help', ...rest] = process.argv.slice(2);
const vitest = path.join(root, 'node_modules', '.bin', 'vitest');

/** The test file that scores image matching on the Debian pictures, among others. */
const imageFloorsTest = 'scripts/eval/listingImagesFloors.test.ts';

/** Whether the tests named by `args` (vitest's file filters: parts of paths) include the image floors. */
function runsImageFloors(args: string[]): boolean {
  const filters = args.filter((arg) => !arg.startsWith('-')).map((arg) => arg.replace(/^\.\//, '').replace(/\/$/, ''));
  return filters.length === 0 || filters.some((filter) => imageFloorsTest.includes(filter) || filter.includes('listingImages'));
}

async function runTests(extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  const log = (line: string) => process.stdout.write(`[test] ${line}\n`);
  const temporalCli = await ensureTemporalCli(log);
  // The browser tests need Chromium: install it when the whole suite (or a browser test) runs.
  const chromium = rest.length === 0 || rest.some((arg) => arg.includes('browser')) ? await ensureChromium(log) : CHROMIUM_PATH;
  // The image floors score real pictures from Debian packages: fetch them once, before vitest starts.
  if (runsImageFloors(rest)) await ensureDebianPictures(log);
  await generatePrismaClient();
  await run(vitest, ['run', ...rest], { cwd: root, env: { ...process.env, BONAFIDE_TEMPORAL_CLI: temporalCli, CHROMIUM_PATH: chromium, ...extraEnv } });
}

async function main(): Promise<void> {
  loadDotEnv();
  switch (command) {
    case 'setup': {
      const started = Date.now();
      const result = await setUp(loadConfigOrExit());
      process.stdout.write(
        `[setup] done in ${Math.round((Date.now() - started) / 1000)} s. Development API key: ${path.relative(root, result.apiKeyFile)}. Next: npm start\n`,
      );
      return;
    }
    case 'start':
      return await startPlatform(loadConfigOrExit());
    case 'test':
      return await runTests();
    case 'test-cluster': {
      const { runAgainstCluster } = await import('./testCluster.ts');
      return await runAgainstCluster((env) => runTests(env));
    }
    case 'eval':
    case 'bench':
    case 'docs-quality':
    case 'admin': {
      await generatePrismaClient();
      // The image-matching evaluation and benchmark use the Debian pictures (scripts/debianPictures.ts).
      const partsAsked = rest.filter((arg) => !arg.startsWith('-'));
      const part = partsAsked[0] ?? 'all';
      const needsPictures = command === 'docs-quality' ? partsAsked.length === 0 || partsAsked.includes('listing-images') : part === 'all' || part === 'listing-images';
      if (command !== 'admin' && needsPictures) await ensureDebianPictures((line) => process.stdout.write(`[${command}] ${line}\n`));
      const script = command === 'docs-quality' ? 'qualityDocs' : command;
      await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', `${script}.ts`), ...rest], { cwd: root });
      return;
    }
    default:
      process.stderr.write('usage: platform.ts setup|start|test|test-cluster|eval|bench|docs-quality|admin\n');
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
