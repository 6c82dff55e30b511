/**
 * Text from marketplaces and sellers (names, listing titles, notes) reaches the console; React
 * shows it as text unless a component opts into raw HTML. None may: this test reads every
 * source file of the console and fails on the ways to do it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sourceRoot = path.dirname(fileURLToPath(import.meta.url));
const RAW_HTML = [/dangerouslySetInnerHTML/, /\.innerHTML\s*=/, /\.outerHTML\s*=/, /insertAdjacentHTML/, /document\.write\(/];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && full !== fileURLToPath(import.meta.url) ? [full] : [];
  });
}

describe('console sources', () => {
  const files = sourceFiles(sourceRoot);

  it('are found (the test reads the right folder)', () => {
    expect(files.some((file) => file.endsWith('App.tsx'))).toBe(true);
    expect(files.length).toBeGreaterThan(20);
  });

  it('never render raw HTML', () => {
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return RAW_HTML.filter((pattern) => pattern.test(text)).map((pattern) => `${path.relative(sourceRoot, file)}: ${pattern.source}`);
    });
    expect(offenders).toEqual([]);
  });
});
