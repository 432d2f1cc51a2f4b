import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createLogger } from '@fuzzforge/observability';
import {
  connectNats,
  createDb,
  migrateToLatest,
  parseProcessEnv,
  redactedNatsUrl,
} from '@fuzzforge/platform';
import { projectBatch } from '../projections';
import { RebuildEnv } from './rebuildEnv';
import { rebuildReadModels } from './rebuildReadModels';
import { formatSummary } from './rebuildSummary';

// Composition root of `npm run rebuild-read-models [-- --keep-old] [-- --allow-incomplete]`.
const { values: flags } = parseArgs({
  options: {
    'keep-old': { type: 'boolean', default: false },
    'allow-incomplete': { type: 'boolean', default: false },
  },
  strict: true,
});
const env = parseProcessEnv(RebuildEnv, process.env, 'rebuild-read-models');
// stdout carries the one summary line only, so scripts can read it; logs go to stderr.
const log = createLogger('rebuild-read-models', { write: (line) => process.stderr.write(line + '\n') });

// connectNats retries forever (right for services); a command should rather say NATS is unreachable.
const unreachable = setTimeout(() => {
  log.error('NATS unreachable', { url: redactedNatsUrl(env.NATS_URL) });
  process.exit(1);
}, 30_000);
const nc = await connectNats(env.NATS_URL, 'fuzzforge-rebuild-read-models');
clearTimeout(unreachable);
const admin = createDb(env.DATABASE_URL, 1);

try {
  const summary = await rebuildReadModels(
    {
      js: jetstream(nc),
      jsm: await jetstreamManager(nc),
      admin,
      openSchema: (schema) => createDb(env.DATABASE_URL, 4, schema),
      migrate: migrateToLatest,
      project: projectBatch,
      now: () => new Date(),
      log,
    },
    { keepOld: flags['keep-old'], allowIncomplete: flags['allow-incomplete'] },
  );
  process.stdout.write(formatSummary(summary) + '\n');
} catch (err) {
  log.error('rebuild failed, the live read models are unchanged', { err });
  process.exitCode = 1;
} finally {
  await nc.close();
  await admin.destroy();
}
