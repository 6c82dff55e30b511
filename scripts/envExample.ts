/** Renders `.env.example` from the settings table; `npx tsx scripts/envExample.ts` rewrites it. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { settings } from '../core/config.ts';

export function renderEnvExample(): string {
  const lines = [
    '# Bonafide configuration. Every variable is optional: the value shown is the default.',
    '# Copy to .env to override locally (already-set environment variables win).',
    '# Generated from core/config.ts by `npx tsx scripts/envExample.ts`.',
    '',
  ];
  for (const [name, spec] of Object.entries(settings)) {
    lines.push(`# ${spec.description}`, `${name}=${spec.default}`, '');
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(path.join(import.meta.dirname, '..', '.env.example'), renderEnvExample());
}
