/** Dockerfiles for the deployment checks: stages, their instructions and the arguments of COPY. */
import { readRepo, type Env } from './repo.ts';

export const DOCKERFILES = {
  api: 'api/Dockerfile',
  worker: 'workers/Dockerfile',
  console: 'admin-ui/Dockerfile',
} as const;

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

export function parseDockerfile(relative: string): Stage[] {
  const lines = readRepo(relative).split('\n');
  const logical: string[] = [];
  let current = '';
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && current === '')) continue;
    if (trimmed.endsWith('\\')) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    logical.push((current + trimmed).trim());
    current = '';
  }
  const globalArgs: Env = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = args.split('=');
      globalArgs[name] = value;
    } else if (upper === 'FROM') {
      const words = args.split(/\s+/).filter((word) => !word.startsWith('--platform'));
      const image = (words[0] ?? '').replace(/\$\{?([A-Za-z_]\w*)\}?/g, (_, name: string) => globalArgs[name] ?? '');
      const name = words[1]?.toLowerCase() === 'as' ? words[2] : undefined;
      stages.push({ image, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}

export function stageFor(stages: Stage[], target?: string): Stage {
  const stage = target === undefined ? stages.at(-1) : stages.find((s) => s.name === target);
  if (!stage) throw new Error(`no stage ${target ?? '(last)'}`);
  return stage;
}

/** Every instruction that applies to a stage, its parent stages' included (FROM <stage>). */
export function effectiveInstructions(stages: Stage[], stage: Stage): Instruction[] {
  const parent = stages.find((s) => s.name === stage.image);
  return [...(parent ? effectiveInstructions(stages, parent) : []), ...stage.instructions];
}

export const lastOf = (instructions: Instruction[], keyword: string) =>
  instructions.filter((instruction) => instruction.keyword === keyword).at(-1)?.args;

/** Exec form (JSON array) or shell form, as an argv. */
export function commandWords(args: string | undefined): string[] {
  if (args === undefined) return [];
  if (args.trim().startsWith('[')) return JSON.parse(args) as string[];
  return args.split(/\s+/);
}

export const REPO_FILE = /^[\w.-]+(?:\/[\w.-]+)+\.(?:ts|tsx|mts|js|mjs|cjs|sh)$/;

/** `COPY [--from=x] [--chown=y] src... dest` (shell or JSON form). */
export function copyArgs(args: string): { from?: string; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const flags = words.filter((word) => word.startsWith('--'));
  const rest = words.filter((word) => !word.startsWith('--')).join(' ');
  const paths = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
  const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
}
