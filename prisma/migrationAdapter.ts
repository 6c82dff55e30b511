import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

/**
 * The pg driver adapter cannot deserialize PostgreSQL's `name` type (OID 19), which the schema
 * engine's catalogue queries return, so `migrate deploy` fails with "Column type 'name' could not
 * be deserialized" (prisma/orm issue 27403). `name` is text on the wire: relabel it as text.
 */
function relabelNameColumns<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

function patchQuery(target: { query: (...args: never[]) => unknown }): void {
  const original = target.query.bind(target) as (...args: unknown[]) => unknown;
  target.query = ((...args: unknown[]) => {
    const out = original(...args);
    return out instanceof Promise ? out.then(relabelNameColumns) : out;
  }) as typeof target.query;
}

/** Driver adapter for the Prisma CLI (migrations only; the application uses core/database.ts). */
export function createMigrationAdapter(connectionString: string): PrismaPg {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('error', () => {
    // an idle client dropped by the server; the pool replaces it on next use
  });
  patchQuery(pool as never);
  pool.on('connect', (client) => patchQuery(client as never));
  return new PrismaPg(pool);
}
