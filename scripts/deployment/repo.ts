/**
 * The repository as the deployment checks see it: paths from its root, file contents and the
 * setting names of core/config.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { settings } from '../../core/config.ts';

export type Env = Record<string, string>;

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const repoPath = (relative: string) => path.join(ROOT, relative);
export const readRepo = (relative: string) => readFileSync(repoPath(relative), 'utf8');
export const settingNames = Object.keys(settings);
