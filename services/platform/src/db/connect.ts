import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

/**
 * The Postgres schema holding the read models. They live in a schema of their own (not `public`) so a
 * rebuild can fill a fresh schema from the streams and swap it in with two renames.
 */
export const readModelSchema = 'ff';

/** A kysely instance over a small pg pool, its table names resolved in `schema`. */
export function createDb(
  databaseUrl: string,
  maxConnections = 10,
  schema = readModelSchema,
): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  // An idle client losing its server (restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }).withSchema(schema);
}
