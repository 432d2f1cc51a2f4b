import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { FindingsResponse, RunResponse, RunStartedV1, TargetResponse } from '@fuzzforge/contracts';
import { createDb, type Database } from '@fuzzforge/platform';
import { projectedStreams } from '../../services/projector/src/projectedStreams';
import { tarGzOf } from '../support/archive';
import { useClients } from '../support/clients';
import { eventually, json } from '../support/http';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const api = inject('apiUrl');
const env = inject('serviceEnv');
const clientsOf = useClients(env);

interface Rebuild {
  summary: string;
  ms: number;
}

/**
 * Runs the real command, as an operator would: `npm run rebuild-read-models -- <args>`. `onLog` sees
 * each log record it writes to stderr, as it writes it.
 */
function rebuild(args: string[] = [], onLog: (msg: string) => void = () => undefined): Promise<Rebuild> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'rebuild-read-models', '--', ...args], {
      cwd: repoRoot,
      env: { ...process.env, NATS_URL: env['NATS_URL'], DATABASE_URL: env['DATABASE_URL'] },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderr += line + '\n';
      if (!line.startsWith('{')) return;
      const { msg } = JSON.parse(line) as { msg?: string };
      if (msg) onLog(msg);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`rebuild exited ${code}: ${stderr}`));
      else resolve({ summary: stdout.trim(), ms: Date.now() - started });
    });
  });
}

/** Every read-model row, ordered, without the columns that only say when a row was written. */
async function snapshot(db: Kysely<Database>) {
  return {
    targets: await db.selectFrom('targets').selectAll().orderBy('id').execute(),
    runs: await db
      .selectFrom('runs')
      .select([
        'id',
        'target_id',
        'workflow',
        'vertical',
        'parameters',
        'status',
        'requested_at',
        'started_at',
        'finished_at',
        'timeline',
        'finding_counts',
        'progress',
        'error',
        'report_key',
        'project',
      ])
      .orderBy('id')
      .execute(),
    run_events: await db.selectFrom('run_events').selectAll().orderBy('event_id').execute(),
    findings: await db.selectFrom('findings').selectAll().orderBy('run_id').orderBy('fingerprint').execute(),
    project_findings: await db.selectFrom('project_findings').selectAll().orderBy('id').execute(),
    finding_triage: await db.selectFrom('finding_triage').selectAll().orderBy('event_id').execute(),
    processed_events: await db
      .selectFrom('processed_events')
      .select(['consumer', 'event_id'])
      .orderBy('consumer')
      .orderBy('event_id')
      .execute(),
  };
}

async function snapshotOf(schema: string) {
  const db = createDb(env['DATABASE_URL']!, 1, schema);
  try {
    return await snapshot(db);
  } finally {
    await db.destroy();
  }
}

/** Waits until the live projector has applied and acknowledged everything its streams hold. */
async function projectorIdle(): Promise<void> {
  const { jsm } = clientsOf();
  await eventually(
    async () => {
      for (const s of projectedStreams) {
        const info = await jsm.consumers.info(s.stream, s.consumer);
        if (info.num_pending > 0 || info.num_ack_pending > 0) return undefined;
      }
      return true;
    },
    60_000,
    'the live projector to drain its streams',
  );
}

/** Where the projected streams end: equal before and after means no traffic came in between. */
async function streamEnds(): Promise<number[]> {
  const { jsm } = clientsOf();
  return Promise.all(projectedStreams.map(async (s) => (await jsm.streams.info(s.stream)).state.last_seq));
}

/**
 * Snapshots the idle live model, runs `action`, and snapshots again. Other test files (e2e) may publish
 * meanwhile, which legitimately changes the model: then the window is retried until it was quiet.
 */
async function inQuietWindow<T>(action: () => Promise<T>) {
  for (let attempt = 1; ; attempt++) {
    await projectorIdle();
    const ends = await streamEnds();
    const before = await snapshotOf('ff');
    const result = await action();
    await projectorIdle();
    const after = await snapshotOf('ff');
    if (JSON.stringify(await streamEnds()) === JSON.stringify(ends) || attempt === 5) {
      return { before, after, result };
    }
  }
}

async function schemasLike(prefix: string): Promise<string[]> {
  const { rows } = await sql<{ nspname: string }>`
    select nspname from pg_namespace where starts_with(nspname, ${prefix}) order by nspname`.execute(
    clientsOf().db,
  );
  return rows.map((r) => r.nspname);
}

// Each rebuild reads the whole history of the test stack, which keeps its streams between runs.
const rebuildTestTimeout = 300_000;

const summaryPattern =
  /^read models rebuilt in [\d.]+ s: applied FF_TARGETS (\d+), FF_RUNS (\d+), FF_RUN_EVENTS (\d+), FF_FINDINGS (\d+); skipped \d+ invalid, \d+ duplicate; \d+ caught up under a \d+ ms lock; old schema (dropped|kept as (\S+))$/;

describe('npm run rebuild-read-models', () => {
  let runId: string;
  let findingCount: number;
  let triagedId: string;

  beforeAll(async () => {
    // Other test files write read-model rows straight through project() under made-up consumers, with
    // no event in the streams behind them; one rebuild first makes the live model purely stream-made.
    await rebuild();

    const archive = await tarGzOf(path.join(repoRoot, 'tests', 'fixtures', 'leaky-app'));
    const uploaded = await fetch(`${api}/v1/targets?filename=leaky-app.tar.gz`, {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: archive,
    });
    expect(uploaded.status).toBe(201);
    const target = await json<TargetResponse>(uploaded);
    const requested = await fetch(`${api}/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: target.id, workflow: 'secret-scan', parameters: {} }),
    });
    expect(requested.status).toBe(202);
    runId = (await json<{ id: string }>(requested)).id;
    await eventually(
      async () => {
        const run = await json<RunResponse>(await fetch(`${api}/v1/runs/${runId}`));
        if (run.status === 'failed') expect.fail(`run failed: ${JSON.stringify(run.error)}`);
        return run.status === 'completed' ? run : undefined;
      },
      180_000,
      'the scan to complete',
    );
    const body = await json<FindingsResponse>(await fetch(`${api}/v1/runs/${runId}/findings`));
    findingCount = body.findings.length;
    expect(findingCount).toBeGreaterThanOrEqual(2);

    // A triage decision lives only in its event (FF_FINDINGS): the rebuild must bring it back.
    triagedId = body.findings[0]!.findingId!;
    const triaged = await fetch(`${api}/v1/findings/${triagedId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'false_positive', comment: 'rebuild test' }),
    });
    expect(triaged.status).toBe(200);
  });

  it(
    'rebuilds read models equal to the live ones, while the API keeps answering',
    async () => {
      const answers: { run: number; status: string; findings: number; count: number }[] = [];
      const { before, after, result } = await inQuietWindow(async () => {
        answers.length = 0;
        let done = false;
        const polling = (async () => {
          while (!done) {
            const runRes = await fetch(`${api}/v1/runs/${runId}`);
            const run = await json<RunResponse>(runRes);
            const findingsRes = await fetch(`${api}/v1/runs/${runId}/findings`);
            const body = await json<FindingsResponse>(findingsRes);
            answers.push({
              run: runRes.status,
              status: run.status,
              findings: findingsRes.status,
              count: body.findings.length,
            });
            await new Promise((r) => setTimeout(r, 25));
          }
        })();
        try {
          return await rebuild();
        } finally {
          done = true;
          await polling;
        }
      });

      console.log(`rebuild took ${result.ms} ms end to end; ${result.summary}`);
      const [, targets, runs, runEvents, triages, oldSchema] =
        summaryPattern.exec(result.summary) ?? expect.fail(result.summary);
      expect(Number(targets)).toBeGreaterThan(0);
      expect(Number(runs)).toBeGreaterThan(0);
      expect(Number(runEvents)).toBeGreaterThan(0);
      expect(Number(triages)).toBeGreaterThan(0);
      expect(oldSchema).toBe('dropped');

      expect(before.findings.length).toBeGreaterThanOrEqual(findingCount);
      // The triage is rebuilt from its event: the finding stays suppressed, with its history.
      expect(before.project_findings.find((f) => f.id === triagedId)).toMatchObject({
        status: 'false_positive',
        history: [expect.objectContaining({ kind: 'triage', comment: 'rebuild test' })],
      });
      expect(before.processed_events.length).toBeGreaterThan(0);
      expect(after).toEqual(before);

      // The run stays visible and complete throughout: from the read model, not the request fallback.
      expect(answers.length).toBeGreaterThan(5);
      for (const a of answers)
        expect(a).toEqual({ run: 200, status: 'completed', findings: 200, count: findingCount });
      expect(await schemasLike('ff_rebuild_')).toEqual([]);
      expect(await schemasLike('ff_old_')).toEqual([]);
    },
    rebuildTestTimeout,
  );

  it(
    'gives the same read models twice in a row, and keeps the old schema on request',
    async () => {
      const { before, after, result } = await inQuietWindow(async () => {
        await rebuild();
        return rebuild(['--keep-old']);
      });
      expect(after).toEqual(before);

      const old = summaryPattern.exec(result.summary)?.[6] ?? expect.fail(result.summary);
      expect(old).toMatch(/^ff_old_\d{17}$/);
      try {
        // The replaced schema is the model the first of the two rebuilds built: the same again.
        expect(await snapshotOf(old)).toEqual(after);
      } finally {
        await sql`drop schema if exists ${sql.id(old)} cascade`.execute(clientsOf().db);
      }
    },
    rebuildTestTimeout,
  );

  it(
    'loses no event published while it swaps: the live projector carries on in the new schema',
    async () => {
      const { js } = clientsOf();
      const published: string[] = [];
      let done = false;
      const publishStarted = async (): Promise<void> => {
        // Bounded in case the swap drags on: the test stack keeps its streams, and every rebuild reads them.
        while (!done && published.length < 300) {
          const id = ulid();
          const at = new Date().toISOString();
          const event: RunStartedV1 = {
            specversion: '1.0',
            id: `${id}.started`,
            type: 'ff.run.started',
            source: 'test/rebuild',
            time: at,
            subject: `ff.run.${id}.started`,
            datacontenttype: 'application/json',
            version: 'v1',
            data: { runId: id, workflow: 'secret-scan', worker: 'test', startedAt: at },
          };
          await js.publish(event.subject, JSON.stringify(event), { msgID: event.id });
          published.push(id);
        }
      };
      // Traffic from just before the swap until the command exits, as fast as JetStream acknowledges: it
      // runs through the locked window, where the live projector is blocked mid-transaction.
      let publishing: Promise<void> = Promise.resolve();
      try {
        const { summary } = await rebuild([], (msg) => {
          if (msg === 'streams projected, swapping') publishing = publishStarted();
        });
        console.log(
          `rebuild under traffic (${published.length} events published while it swapped): ${summary}`,
        );
      } finally {
        done = true;
        await publishing;
      }
      expect(published.length).toBeGreaterThan(10);

      await projectorIdle();
      const { db } = clientsOf();
      const rows = await db
        .selectFrom('runs')
        .select(['id', 'status'])
        .where('id', 'in', published)
        .execute();
      expect(rows).toHaveLength(published.length);
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['running']));

      // What the live projector built across the swap is what a rebuild from scratch builds.
      const { before, after } = await inQuietWindow(() => rebuild());
      expect(after).toEqual(before);
    },
    rebuildTestTimeout,
  );
});
