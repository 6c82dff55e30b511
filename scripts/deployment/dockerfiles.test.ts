/** Static checks of the three Dockerfiles: base image, install, Prisma client, copies, user, entry points, health checks. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settings } from '../../core/config.ts';
import { commandWords, copyArgs, DOCKERFILES, effectiveInstructions, lastOf, parseDockerfile, REPO_FILE, stageFor } from './dockerfile.ts';
import { isDockerIgnored } from './dockerignore.ts';
import { serverDirective } from './nginx.ts';
import { repoPath } from './repo.ts';

describe('Dockerfiles', () => {
  const images = [
    { service: 'api', file: DOCKERFILES.api, target: 'runtime', entry: 'api/server.ts' },
    { service: 'migrate', file: DOCKERFILES.api, target: 'migrate', entry: 'prisma/prisma.config.ts' },
    { service: 'worker', file: DOCKERFILES.worker, target: undefined, entry: 'workers/main.ts' },
  ];

  it.each(Object.values(DOCKERFILES))('%s is multi-stage on node:20-bookworm-slim, installs with npm ci and generates the Prisma client', (file) => {
    const stages = parseDockerfile(file);
    expect(stages.length).toBeGreaterThan(1);
    const nodeStages = stages.filter((stage) => stage.image.startsWith('node:'));
    expect(nodeStages.length).toBeGreaterThan(0);
    for (const stage of nodeStages) expect(stage.image).toBe('node:20-bookworm-slim');
    const runs = stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args));
    expect(runs.some((run) => /\bnpm ci\b/.test(run))).toBe(true);
    expect(runs.some((run) => /\bnpm install\b/.test(run))).toBe(false);
    const generate = runs.find((run) => run.includes('prisma generate'));
    expect(generate).toContain('--config prisma/prisma.config.ts');
    const url = /DATABASE_URL=(\S+)/.exec(generate ?? '')?.[1];
    expect(url, 'DATABASE_URL set for prisma generate').toBeDefined();
    expect(() => settings.DATABASE_URL.parse(url as string)).not.toThrow();
  });

  it.each(Object.values(DOCKERFILES))('%s copies from the build context only files that exist and are not docker-ignored', (file) => {
    for (const stage of parseDockerfile(file)) {
      for (const instruction of stage.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
        const copy = copyArgs(instruction.args);
        if (copy.from !== undefined) continue;
        for (const source of copy.sources) {
          expect(existsSync(repoPath(source)), `${file}: COPY ${source}`).toBe(true);
          if (source !== '.') expect(isDockerIgnored(source), `${file}: ${source} is docker-ignored`).toBe(false);
        }
      }
    }
  });

  it.each(Object.entries(DOCKERFILES))('the %s image runs as a non-root user', (_, file) => {
    const stages = parseDockerfile(file);
    const user = lastOf(effectiveInstructions(stages, stageFor(stages)), 'USER');
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it.each(images)('the $service image starts from $entry, a file in the repository that is shipped in the image', ({ file, target, entry }) => {
    const stages = parseDockerfile(file);
    const instructions = effectiveInstructions(stages, stageFor(stages, target));
    expect(lastOf(instructions, 'USER')).toBeDefined();
    expect(lastOf(instructions, 'USER')).not.toBe('root');
    const argv = [...commandWords(lastOf(instructions, 'ENTRYPOINT')), ...commandWords(lastOf(instructions, 'CMD'))];
    const files = argv.filter((word) => REPO_FILE.test(word));
    expect(files).toContain(entry);
    for (const referenced of files) {
      expect(existsSync(repoPath(referenced)), `${file} (${target ?? 'last stage'}) runs ${referenced}`).toBe(true);
      expect(isDockerIgnored(referenced), `${referenced} is docker-ignored`).toBe(false);
    }
  });

  it('runs the API through an init process and checks /healthz', () => {
    const stages = parseDockerfile(DOCKERFILES.api);
    const instructions = effectiveInstructions(stages, stageFor(stages, 'runtime'));
    expect(commandWords(lastOf(instructions, 'ENTRYPOINT'))[0]).toMatch(/tini$/);
    expect(lastOf(instructions, 'HEALTHCHECK')).toMatch(/\/healthz/);
    expect(lastOf(instructions, 'EXPOSE')).toBe(settings.API_PORT.default);
  });

  it('builds the console with its Vite config and checks nginx is serving', () => {
    const stages = parseDockerfile(DOCKERFILES.console);
    const runs = stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args));
    const build = runs.find((run) => run.includes('vite build'));
    const config = /--config\s+(\S+)/.exec(build ?? '')?.[1];
    expect(config).toBe('admin-ui/vite.config.ts');
    expect(existsSync(repoPath(config as string)), 'admin-ui/vite.config.ts exists').toBe(true);
    const health = lastOf(effectiveInstructions(stages, stageFor(stages)), 'HEALTHCHECK');
    expect(health).toContain(`:${serverDirective('listen')?.[0]}/`);
  });
});
