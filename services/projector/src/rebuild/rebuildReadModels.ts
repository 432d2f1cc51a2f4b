import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import { FuzzForgeEvent } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import type { Database } from '@fuzzforge/platform';
import { projectedStreams, type ProjectedStream } from '../projectedStreams';
import { readStream } from './readStream';
import { RebuildError } from './rebuildError';
import type { RebuildSummary, StreamTally } from './rebuildSummary';
import {
  assertRebuildable,
  createSchema,
  dropLeftoverRebuilds,
  dropSchema,
  isLockContention,
  lockTables,
  rebuildSchemaNames,
  renameSchema,
  schemaExists,
  setLockTimeout,
  tablesOf,
  tryLockRebuild,
  unlockRebuild,
  type SchemaNames,
} from './schemaSwap';
import { hasLostHistory } from './streamHistory';

/** The projector's projection: applies events in one transaction and returns how many were new. */
export type ProjectBatch = (
  db: Kysely<Database>,
  consumer: string,
  events: FuzzForgeEvent[],
  now: Date,
) => Promise<number>;

export interface RebuildDeps {
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** For raw SQL (DDL, locks, renames); one of its connections is held for the whole rebuild. */
  admin: Kysely<Database>;
  /** A kysely instance resolving the read-model tables in `schema`; the rebuild destroys it. */
  openSchema: (schema: string) => Kysely<Database>;
  migrate: (db: Kysely<Database>, schema: string) => Promise<void>;
  project: ProjectBatch;
  now: () => Date;
  log: Logger;
}

export interface RebuildOptions {
  /** Keep the replaced live schema as ff_old_<stamp> instead of dropping it. */
  keepOld?: boolean;
  /** Rebuild even from streams that lost messages (limits, purge); the old history is then gone. */
  allowIncomplete?: boolean;
  /** Events per projection transaction. */
  pageSize?: number;
  /** How long the swap waits for the live tables before it lets go and tries again. */
  lockTimeoutMs?: number;
  swapAttempts?: number;
}

const decoder = new TextDecoder();

/** Messages we are content to project while the live tables are locked. */
const smallCatchUp = 20;

/** The event in a stored message, or null when the live projector would dead-letter it. */
function decodeEvent(data: Uint8Array): FuzzForgeEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(data));
  } catch {
    return null;
  }
  const parsed = FuzzForgeEvent.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Projects what `source` stored after `tally.lastSeq` into `db`; returns how many messages it read. */
async function applyStream(
  deps: RebuildDeps,
  db: Kysely<Database>,
  source: ProjectedStream,
  tally: StreamTally,
  pageSize: number,
): Promise<number> {
  let read = 0;
  for await (const page of readStream(deps.js, source.stream, source.subject, tally.lastSeq, pageSize)) {
    const events: FuzzForgeEvent[] = [];
    for (const m of page) {
      const event = decodeEvent(m.data);
      if (event) events.push(event);
      else tally.skipped += 1;
    }
    const applied = await deps.project(db, tally.consumer, events, deps.now());
    tally.applied += applied;
    tally.duplicates += events.length - applied;
    tally.lastSeq = page[page.length - 1]!.seq;
    read += page.length;
  }
  return read;
}

async function assertStreamsComplete(jsm: JetStreamManager, allowIncomplete: boolean): Promise<void> {
  for (const { stream } of projectedStreams) {
    // A missing stream throws here: rebuilding "nothing" over the live read models would erase them.
    const { state } = await jsm.streams.info(stream);
    if (!allowIncomplete && hasLostHistory(state)) {
      throw new RebuildError(
        'stream-incomplete',
        `${stream} no longer holds its first messages (first_seq ${state.first_seq}, ` +
          `${state.num_deleted} deleted): a rebuild would lose history; pass --allow-incomplete to accept`,
      );
    }
  }
}

interface SwapResult {
  caughtUp: number;
  lockHeldMs: number;
  replacedLive: boolean;
}

/**
 * The swap, in one transaction on `session`: lock every live table (the API and the live projector
 * wait), project what the streams stored since the last read, then rename live → old and rebuild →
 * live. A statement that waited on our lock resolves its table names again once we commit, so it runs
 * against the new schema; a projection that was waiting finds its event already in processed_events.
 */
async function swapIn(
  deps: RebuildDeps,
  session: Kysely<Database>,
  names: SchemaNames,
  catchUp: () => Promise<number>,
  o: Required<Pick<RebuildOptions, 'lockTimeoutMs' | 'swapAttempts'>>,
): Promise<SwapResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      let lockedAt = 0;
      const result = await session.transaction().execute(async (tx) => {
        await setLockTimeout(tx, o.lockTimeoutMs);
        const replacedLive = await schemaExists(tx, names.live);
        if (replacedLive) {
          const tables = await tablesOf(tx, names.live);
          assertRebuildable(names.live, tables);
          await lockTables(tx, names.live, tables);
        }
        lockedAt = deps.now().getTime();
        // Under the lock, every event the live projector ever committed is in the streams up to their
        // current end. The catch-up writes through its own pool into the rebuild schema, which nobody
        // else uses, so it neither waits for our locks nor depends on this transaction.
        const caughtUp = await catchUp();
        if (replacedLive) await renameSchema(tx, names.live, names.old);
        await renameSchema(tx, names.rebuild, names.live);
        return { caughtUp, replacedLive };
      });
      return { ...result, lockHeldMs: deps.now().getTime() - lockedAt };
    } catch (err) {
      if (attempt >= o.swapAttempts || !isLockContention(err)) throw err;
      deps.log.warn('live tables busy, trying the swap again', { attempt, err });
    }
  }
}

/**
 * Rebuilds the read models from the event streams into a fresh schema and swaps it in for the live
 * one, while the API keeps answering. Events go through the projector's own projection under the live
 * consumer names, so the rebuilt schema (processed_events included) is what the live projector would
 * have built, and the live projector carries on on it without losing or doubling an event.
 */
export async function rebuildReadModels(
  deps: RebuildDeps,
  options: RebuildOptions = {},
): Promise<RebuildSummary> {
  const startedAt = deps.now();
  const names = rebuildSchemaNames(startedAt);
  const pageSize = options.pageSize ?? 500;
  const log = deps.log.child({ schema: names.rebuild });

  return deps.admin.connection().execute(async (session) => {
    if (!(await tryLockRebuild(session))) {
      throw new RebuildError('rebuild-running', 'another rebuild of the read models is running');
    }
    try {
      await assertStreamsComplete(deps.jsm, options.allowIncomplete ?? false);
      // Fail before the long part, not at the swap, when the live schema has tables we would lose.
      assertRebuildable(names.live, await tablesOf(session, names.live));
      for (const schema of await dropLeftoverRebuilds(session, names.live)) {
        log.warn('dropped a rebuild schema left by an interrupted rebuild', { leftover: schema });
      }
      await createSchema(session, names.rebuild);

      const target = deps.openSchema(names.rebuild);
      const sources = projectedStreams.map((source) => ({
        source,
        tally: {
          stream: source.stream,
          consumer: source.consumer,
          applied: 0,
          duplicates: 0,
          skipped: 0,
          lastSeq: 0,
        } satisfies StreamTally,
      }));
      const catchUp = async (): Promise<number> => {
        let read = 0;
        for (const { source, tally } of sources)
          read += await applyStream(deps, target, source, tally, pageSize);
        return read;
      };
      let swap: SwapResult | undefined;
      try {
        await deps.migrate(target, names.rebuild);
        const snapshot = await catchUp();
        // Chase what arrives meanwhile without blocking anyone, so that little is left for the locked
        // part; under steady traffic each pass is shorter than the one before.
        let meanwhile = await catchUp();
        for (let pass = 1; pass < 10 && meanwhile > smallCatchUp; pass++) meanwhile = await catchUp();
        log.info('streams projected, swapping', { snapshot, meanwhile });
        swap = await swapIn(deps, session, names, catchUp, {
          lockTimeoutMs: options.lockTimeoutMs ?? 2_000,
          swapAttempts: options.swapAttempts ?? 10,
        });
      } finally {
        await target.destroy();
        if (!swap) {
          await dropSchema(session, names.rebuild).catch((err: unknown) => {
            log.warn('could not drop the unfinished rebuild schema; the next rebuild will', { err });
          });
        }
      }

      let keptOld = swap.replacedLive && options.keepOld ? names.old : null;
      if (swap.replacedLive && !options.keepOld) {
        // The new read models are live already: a failed drop only leaves the old schema behind.
        await dropSchema(session, names.old).catch((err: unknown) => {
          log.warn('could not drop the replaced schema', { old: names.old, err });
          keptOld = names.old;
        });
      }
      return {
        streams: sources.map((s) => s.tally),
        caughtUpUnderLock: swap.caughtUp,
        lockHeldMs: swap.lockHeldMs,
        durationMs: deps.now().getTime() - startedAt.getTime(),
        keptOld,
      };
    } finally {
      // A lost connection releases the lock by itself.
      await unlockRebuild(session).catch(() => undefined);
    }
  });
}
