/** Static checks of .dockerignore: what stays out of the build context and what must reach it. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDockerIgnored } from './dockerignore.ts';
import { repoPath } from './repo.ts';

describe('.dockerignore', () => {
  it.each(['node_modules', 'node_modules/fastify/package.json', 'api/node_modules/x', '.git/HEAD', '.env', '.env.production', 'prisma/generated/client.ts', 'admin-ui/dist/index.html', '.data/temporal.db'])(
    'keeps %s out of the build context',
    (file) => expect(isDockerIgnored(file)).toBe(true),
  );

  it.each(['package.json', 'package-lock.json', 'tsconfig.json', 'api/server.ts', 'workers/main.ts', 'core/config.ts', 'prisma/schema.prisma', 'prisma/prisma.config.ts', 'prisma/migrationAdapter.ts', 'admin-ui/nginx.conf', 'admin-ui/vite.config.ts', 'admin-ui/src/App.tsx', 'workflows/index.ts'])(
    'sends %s to the build',
    (file) => expect(isDockerIgnored(file)).toBe(false),
  );

  it('sends every migration to the build', () => {
    const migrations = readdirSync(repoPath('prisma/migrations'));
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) expect(isDockerIgnored(`prisma/migrations/${migration}/migration.sql`)).toBe(false);
  });
});
