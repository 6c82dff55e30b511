/**
 * The policy in force for a key: its highest version, version 1 installed from the shipped rules
 * the first time it is asked for. Any policy, whatever its rules' shape (verdict rules for the
 * capabilities' policies, the enforcement record's thresholds), read with the caller's SQL client
 * so it runs inside the caller's transaction.
 */
import { sql, type SqlRunner } from './sql.ts';

export interface StoredPolicy<Rules> {
  key: string;
  version: number;
  rules: Rules;
}

export async function policyInForceSql<Rules>(runner: SqlRunner, key: string, shipped: Rules): Promise<StoredPolicy<Rules>> {
  const latest = sql('SELECT key, version, rules FROM policies WHERE key = $1 ORDER BY version DESC LIMIT 1', [key]);
  const [found] = await runner.rows<StoredPolicy<Rules>>(latest);
  if (found) return found;
  await runner.run(sql(`INSERT INTO policies (id, key, version, rules, note, created_by) VALUES (gen_random_uuid(), $1, 1, $2::jsonb, 'shipped default', 'system') ON CONFLICT DO NOTHING`, [key, JSON.stringify(shipped)]));
  const [installed] = await runner.rows<StoredPolicy<Rules>>(latest);
  return installed!;
}
