/** Static checks of admin-ui/nginx.conf: what it proxies to the api service and what it serves itself. */
import { describe, expect, it } from 'vitest';
import { settings } from '../../core/config.ts';
import { resolvedEnvironment, services } from './compose.ts';
import { copyArgs, DOCKERFILES, effectiveInstructions, parseDockerfile, stageFor } from './dockerfile.ts';
import { locationFor, proxyTarget, serverDirective } from './nginx.ts';

describe('admin-ui/nginx.conf', () => {
  const apiAddress = `http://api:${resolvedEnvironment(services.api).API_PORT ?? settings.API_PORT.default}`;

  it.each([
    ['/admin/v1', '/admin/v1/session'],
    ['/admin/v1', '/admin/v1/sellers?limit=10'],
    ['/v1', '/v1/listings'],
    ['/healthz', '/healthz'],
    ['/docs', '/docs'],
    ['/docs', '/docs/json'],
    ['/docs', '/docs/static/swagger-ui.css'],
  ])('proxies %s (%s) to the api service', (_, uri) => {
    const target = proxyTarget(locationFor(uri.split('?')[0] as string));
    expect(target).toBeDefined();
    // no URI part after host:port, so nginx forwards the request path unchanged
    expect(target).toBe(apiAddress);
    expect(Object.keys(services)).toContain(new URL(target as string).hostname);
  });

  it.each(['/', '/index.html', '/assets/index-3f9a1c.js', '/moderation/queue'])('serves %s from the static build, not the API', (uri) => {
    const location = locationFor(uri);
    expect(location).toBeDefined();
    expect(proxyTarget(location)).toBeUndefined();
  });

  it('falls back to index.html for client-side routes', () => {
    const tryFiles = locationFor('/moderation/queue')?.block?.find((directive) => directive.name === 'try_files')?.args;
    expect(tryFiles?.at(-1)).toBe('/index.html');
  });

  it('serves the directory the console image copies the build into', () => {
    const stages = parseDockerfile(DOCKERFILES.console);
    const copies = effectiveInstructions(stages, stageFor(stages))
      .filter((instruction) => instruction.keyword === 'COPY')
      .map((instruction) => copyArgs(instruction.args));
    const dist = copies.find((copy) => copy.from !== undefined && copy.sources.some((source) => source.endsWith('admin-ui/dist')));
    expect(dist?.dest.replace(/\/$/, '')).toBe(serverDirective('root')?.[0]);
    const config = copies.find((copy) => copy.sources.includes('admin-ui/nginx.conf'));
    expect(config?.dest).toMatch(/^\/etc\/nginx\/conf\.d\/.+\.conf$/);
  });
});
