import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

/** A kysely instance over a small pg pool. */
export function createDb(databaseUrl: string, maxConnections = 10): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  // An idle client losing its server (restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
