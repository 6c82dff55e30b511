/**
 * Prisma CLI configuration. The CLI runs its WebAssembly schema engine through the pg driver
 * adapter (`engine: 'js'`), so `generate` and `migrate deploy` need no engine download.
 */
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { createMigrationAdapter } from './migrationAdapter.ts';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, 'schema.prisma'),
  migrations: { path: path.join(import.meta.dirname, 'migrations') },
  adapter: async () => createMigrationAdapter(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/bonafide'),
});
