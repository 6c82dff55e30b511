/**
 * What the workflow bundle carries: workflows import capabilities' declarations from core/, and a
 * declaration that pulled in a server library (the API's schema library, the database client, an
 * image library) would load it into every workflow sandbox of every worker.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from './createWorker.ts';

const SERVER_ONLY = ['@sinclair/typebox', '@prisma/', 'prisma/generated', '/pg/', 'sharp', 'fastify', 'tesseract.js'];

describe('the workflow bundle', () => {
  it('carries no server-only library', { timeout: 120_000 }, async () => {
    const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
    const { code } = await bundleWorkflowCode({ workflowsPath, logger: quiet });
    // webpack names each module it packs in a comment: /***/ "./path/to/module.js"
    const modules = [...code.matchAll(/\/\*\*\*\/ "([^"]+)"/g)].map((match) => match[1]!);
    expect(modules.some((name) => name.includes('workflows/index.ts'))).toBe(true);
    expect(modules.filter((name) => SERVER_ONLY.some((library) => name.includes(library)))).toEqual([]);
  });
});
