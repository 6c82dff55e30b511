import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Loads `.env` from the project root if there is one (variables already set win), so a local
 * override file works for every process the same way.
 */
export function loadDotEnv(file = path.join(import.meta.dirname, '..', '.env')): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
