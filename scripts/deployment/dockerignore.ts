/**
 * .dockerignore for the deployment checks (Docker's rules: patterns relative to the context, `**`
 * across directories, a matched directory excludes its content, `!` re-includes, the last matching
 * line wins).
 */
import path from 'node:path';
import { readRepo } from './repo.ts';

function dockerignoreRules(): { negate: boolean; pattern: RegExp }[] {
  return readRepo('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const glob = path.posix.normalize((negate ? line.slice(1) : line).replace(/^\/+/, ''));
      let source = '';
      for (let i = 0; i < glob.length; i++) {
        const char = glob[i] as string;
        if (glob.startsWith('**/', i)) {
          source += '(?:.*/)?';
          i += 2;
        } else if (glob.startsWith('**', i)) {
          source += '.*';
          i += 1;
        } else if (char === '*') source += '[^/]*';
        else if (char === '?') source += '[^/]';
        else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negate, pattern: new RegExp(`^${source}$`) };
    });
}

export function isDockerIgnored(relative: string): boolean {
  const segments = path.posix.normalize(relative).split('/');
  const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of dockerignoreRules()) {
    if (candidates.some((candidate) => rule.pattern.test(candidate))) ignored = !rule.negate;
  }
  return ignored;
}
