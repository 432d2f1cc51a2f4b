import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { readModelSchema } from '../connect';
import * as readModels from './2026_11_29_0001_read_models';
import * as adminAudit from './2026_11_29_0002_admin_audit';
import * as fuzzing from './2026_11_29_0003_fuzzing';
import * as runRetry from './2026_11_29_0004_run_retry';
import * as findingLifecycle from './2026_11_29_0005_finding_lifecycle';
import * as apiKeys from './2026_11_29_0006_api_keys';
import * as targetProjects from './2026_11_29_0007_target_projects';
import * as webhooks from './2026_11_29_0008_webhooks';
import * as webhookTraceContext from './2026_11_29_0009_webhook_trace_context';
import * as webhookSecretRotation from './2026_11_29_0010_webhook_secret_rotation';

/** Listed statically (not read from disk) so the order is explicit and bundling cannot drop one. */
const migrations: Record<string, Migration> = {
  '2026_11_29_0001_read_models': readModels,
  '2026_11_29_0002_admin_audit': adminAudit,
  '2026_11_29_0003_fuzzing': fuzzing,
  '2026_11_29_0004_run_retry': runRetry,
  '2026_11_29_0005_finding_lifecycle': findingLifecycle,
  '2026_11_29_0006_api_keys': apiKeys,
  '2026_11_29_0007_target_projects': targetProjects,
  '2026_11_29_0008_webhooks': webhooks,
  '2026_11_29_0009_webhook_trace_context': webhookTraceContext,
  '2026_11_29_0010_webhook_secret_rotation': webhookSecretRotation,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/**
 * Brings `schema` to the latest version; safe to run from several processes at once (kysely locks).
 * `db` must resolve table names in the same schema (createDb's third argument); the migration records
 * live there too, so a rebuilt schema carries its own.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, schema = readModelSchema): Promise<void> {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const { error, results } = await new Migrator({
    db,
    provider,
    migrationTableSchema: schema,
    // Migrations written on parallel branches land in any order; each one is idempotent on its own.
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
