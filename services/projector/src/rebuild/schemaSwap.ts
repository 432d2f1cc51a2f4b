import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE, sql, type Kysely } from 'kysely';
import { readModelSchema, type Database } from '@fuzzforge/platform';
import { RebuildError } from './rebuildError';

/** Raw SQL runs through any kysely instance: its schema setting only affects built queries. */
type Sql = Kysely<Database>;

export interface SchemaNames {
  /** The schema the API and the live projector read and write. */
  live: string;
  /** Where this rebuild projects the streams. */
  rebuild: string;
  /** What the live schema is renamed to by the swap. */
  old: string;
}

/** The schemas one rebuild uses, named after its start time (ms) so a kept old schema never collides. */
export function rebuildSchemaNames(startedAt: Date, live = readModelSchema): SchemaNames {
  const stamp = startedAt.toISOString().replace(/\D/g, '');
  return { live, rebuild: `${live}_rebuild_${stamp}`, old: `${live}_old_${stamp}` };
}

/**
 * Every table the streams rebuild, typed against Database: a new read-model table does not compile
 * until someone decides here whether the streams can recreate it.
 */
const rebuiltTables: Record<keyof Database, true> = {
  targets: true,
  target_projects: true,
  runs: true,
  run_events: true,
  findings: true,
  processed_events: true,
  crashes: true,
  run_crashes: true,
  corpus_stats: true,
  project_findings: true,
  finding_triage: true,
};
const knownTables = new Set<string>([
  ...Object.keys(rebuiltTables),
  DEFAULT_MIGRATION_TABLE,
  DEFAULT_MIGRATION_LOCK_TABLE,
]);

/** Refuses a swap that would drop data the streams cannot give back (a table someone added by hand). */
export function assertRebuildable(schema: string, tables: string[]): void {
  const foreign = tables.filter((t) => !knownTables.has(t));
  if (foreign.length > 0) {
    throw new RebuildError(
      'foreign-tables',
      `schema ${schema} holds tables the streams cannot rebuild (${foreign.join(', ')}); the swap would lose them`,
    );
  }
}

export async function schemaExists(db: Sql, schema: string): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select 1 as n from pg_namespace where nspname = ${schema}`.execute(db);
  return rows.length > 0;
}

export async function tablesOf(db: Sql, schema: string): Promise<string[]> {
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = ${schema} order by tablename`.execute(db);
  return rows.map((r) => r.tablename);
}

/** Drops the rebuild schemas a crashed rebuild left behind; only safe under the rebuild lock. */
export async function dropLeftoverRebuilds(db: Sql, live = readModelSchema): Promise<string[]> {
  const { rows } = await sql<{ nspname: string }>`
    select nspname from pg_namespace where starts_with(nspname, ${`${live}_rebuild_`})`.execute(db);
  for (const r of rows) await dropSchema(db, r.nspname);
  return rows.map((r) => r.nspname);
}

export async function createSchema(db: Sql, schema: string): Promise<void> {
  await sql`create schema ${sql.id(schema)}`.execute(db);
}

export async function dropSchema(db: Sql, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
}

export async function renameSchema(db: Sql, from: string, to: string): Promise<void> {
  await sql`alter schema ${sql.id(from)} rename to ${sql.id(to)}`.execute(db);
}

/** Makes the lock statements of the current transaction give up after `ms` instead of queueing forever. */
export async function setLockTimeout(db: Sql, ms: number): Promise<void> {
  await sql`select set_config('lock_timeout', ${`${ms}ms`}, true)`.execute(db);
}

/**
 * Locks `tables` of `schema` in access exclusive mode until the transaction ends: every reader and
 * writer waits. processed_events comes first, alone: the projector touches it first in each
 * transaction, so an in-flight projection finishes before we take the rest and cannot deadlock with us.
 */
export async function lockTables(db: Sql, schema: string, tables: string[]): Promise<void> {
  const first = 'processed_events' satisfies keyof Database;
  if (tables.includes(first)) {
    await sql`lock table ${sql.id(schema, first)} in access exclusive mode`.execute(db);
  }
  const rest = tables.filter((t) => t !== first);
  if (rest.length === 0) return;
  await sql`lock table ${sql.join(rest.map((t) => sql.id(schema, t)))} in access exclusive mode`.execute(db);
}

/** Postgres errors worth another swap attempt: our lock waited too long, or lost a deadlock. */
export function isLockContention(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '55P03' || code === '40P01';
}

// One rebuild at a time per database: two would drop each other's schemas as leftovers.
const rebuildLockKey = sql`hashtext('fuzzforge:rebuild-read-models')`;

/** Takes the session-level rebuild lock on `session`'s connection; false when another rebuild holds it. */
export async function tryLockRebuild(session: Sql): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${rebuildLockKey}) as ok`.execute(
    session,
  );
  return rows[0]?.ok === true;
}

export async function unlockRebuild(session: Sql): Promise<void> {
  await sql`select pg_advisory_unlock(${rebuildLockKey})`.execute(session);
}
