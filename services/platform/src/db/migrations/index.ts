import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as readModels from './2026_11_29_0001_read_models';

/** Listed statically (not read from disk) so the order is explicit and bundling cannot drop one. */
const migrations: Record<string, Migration> = {
  '2026_11_29_0001_read_models': readModels,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Brings the schema to the latest version; safe to run from several processes at once (kysely locks). */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
