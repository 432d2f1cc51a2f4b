import { sql, type Kysely } from 'kysely';
import { ulid } from 'ulid';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Finding, FuzzForgeEvent } from '@fuzzforge/contracts';
import { createDb, migrateToLatest, type Database } from '@fuzzforge/platform';
import { projectBatch, projectFindingIdOf } from '@fuzzforge/projector';

const databaseUrl = inject('serviceEnv')['DATABASE_URL']!;

const envelope = {
  specversion: '1.0',
  source: 'test',
  datacontenttype: 'application/json',
  version: 'v1',
} as const;
const project = 'lifecycle-projection';
const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, day, hour)).toISOString();

const finding = (fingerprint: string): Finding => ({
  fingerprint,
  tool: { name: 'gitleaks' },
  ruleId: 'generic-api-key',
  severity: 'high',
  message: 'API key',
  location: { path: `src/${fingerprint}.js`, startLine: 1 },
  cwe: [],
  artifacts: [],
});

const requested = (runId: string, day: number): FuzzForgeEvent => ({
  ...envelope,
  id: `${runId}.requested`,
  type: 'ff.run.requested',
  subject: `ff.runs.requested.${runId}`,
  time: at(day),
  data: {
    runId,
    targetId: 't1',
    targetSha256: 'a'.repeat(64),
    workflow: 'secret-scan',
    vertical: 'secrets',
    parameters: {},
    project,
    requestedAt: at(day),
  },
});

const found = (runId: string, fingerprint: string, day: number): FuzzForgeEvent => ({
  ...envelope,
  id: `${runId}.finding.${fingerprint}`,
  type: 'ff.run.finding',
  subject: `ff.run.${runId}.finding`,
  time: at(day, 1),
  data: { runId, finding: finding(fingerprint), foundAt: at(day, 1) },
});

const triaged = (fingerprint: string, status: 'fixed' | 'false_positive', day: number): FuzzForgeEvent => {
  const findingId = projectFindingIdOf(project, fingerprint);
  return {
    ...envelope,
    id: `${findingId}.triaged.${day}`,
    type: 'ff.finding.triaged',
    subject: `ff.findings.triaged.${findingId}`,
    time: at(day, 2),
    data: { findingId, project, fingerprint, status, comment: `day ${day}`, triagedAt: at(day, 2) },
  };
};

/**
 * Runs A (day 1: f1, f2), B (day 3: f2, f3) and C (day 5: f1, f3); f1 is triaged fixed on day 2 (C
 * reopens it), f3 false_positive on day 4. In the order the live projector usually sees them.
 */
const history: FuzzForgeEvent[] = [
  requested('run-a', 1),
  found('run-a', 'fingerprint-1', 1),
  found('run-a', 'fingerprint-2', 1),
  triaged('fingerprint-1', 'fixed', 2),
  requested('run-b', 3),
  found('run-b', 'fingerprint-2', 3),
  found('run-b', 'fingerprint-3', 3),
  triaged('fingerprint-3', 'false_positive', 4),
  requested('run-c', 5),
  found('run-c', 'fingerprint-1', 5),
  found('run-c', 'fingerprint-3', 5),
];

const consumerOf = (e: FuzzForgeEvent): string =>
  e.type === 'ff.run.requested' ? 'runs' : e.type === 'ff.finding.triaged' ? 'findings' : 'run-events';

const schemas: Kysely<Database>[] = [];
const names: string[] = [];

/** A fresh read-model schema of its own, migrated, dropped after the file. */
async function freshSchema(): Promise<Kysely<Database>> {
  const name = `ff_test_lifecycle_${ulid().toLowerCase()}`;
  const db = createDb(databaseUrl, 4, name);
  await migrateToLatest(db, name);
  schemas.push(db);
  names.push(name);
  return db;
}

afterAll(async () => {
  for (const [i, db] of schemas.entries()) {
    await sql`drop schema if exists ${sql.id(names[i]!)} cascade`.execute(db);
    await db.destroy();
  }
});

const projectFindings = (db: Kysely<Database>) =>
  db.selectFrom('project_findings').selectAll().orderBy('id').execute();

describe('project findings projection', () => {
  it('derives the same project findings whatever order and batching the events arrive in', async () => {
    const live = await freshSchema();
    for (const e of history) await projectBatch(live, consumerOf(e), [e], new Date());
    const expected = await projectFindings(live);

    const byId = new Map(expected.map((r) => [r.fingerprint, r]));
    expect(byId.get('fingerprint-2')).toMatchObject({
      occurrences: 2,
      first_run_id: 'run-a',
      last_run_id: 'run-b',
      status: 'open',
    });
    expect(byId.get('fingerprint-1')).toMatchObject({ occurrences: 2, status: 'open' });
    expect(byId.get('fingerprint-1')!.history.map((h) => `${h.kind}:${h.status}:${h.run ?? ''}`)).toEqual([
      'triage:fixed:',
      'regression:open:run-c',
    ]);
    expect(byId.get('fingerprint-3')).toMatchObject({ status: 'false_positive', first_run_id: 'run-b' });

    // A rebuild: stream after stream (requests, worker facts, triage), in big batches.
    const rebuilt = await freshSchema();
    for (const consumer of ['runs', 'run-events', 'findings']) {
      await projectBatch(
        rebuilt,
        consumer,
        history.filter((e) => consumerOf(e) === consumer),
        new Date(),
      );
    }
    expect(await projectFindings(rebuilt)).toEqual(expected);

    // Worst case: triage first, then the findings (their runs' requests still unknown), requests last.
    const reversed = await freshSchema();
    for (const consumer of ['findings', 'run-events', 'runs']) {
      const events = history.filter((e) => consumerOf(e) === consumer).reverse();
      for (const e of events) await projectBatch(reversed, consumer, [e], new Date());
    }
    expect(await projectFindings(reversed)).toEqual(expected);

    // The three consumers at once, each event redelivered: still the same.
    const concurrent = await freshSchema();
    await Promise.all(
      ['runs', 'run-events', 'findings'].map(async (consumer) => {
        for (const e of history.filter((x) => consumerOf(x) === consumer)) {
          await projectBatch(concurrent, consumer, [e, e], new Date());
          await projectBatch(concurrent, consumer, [e], new Date());
        }
      }),
    );
    expect(await projectFindings(concurrent)).toEqual(expected);
  });

  it('gives a project finding the same id in every schema, and keeps projects apart', async () => {
    const db = await freshSchema();
    const other = { ...requested('run-x', 1), id: 'run-x.requested' } as FuzzForgeEvent & {
      type: 'ff.run.requested';
    };
    other.data = { ...other.data, project: 'another-project' };
    await projectBatch(db, 'runs', [requested('run-a', 1), other], new Date());
    await projectBatch(
      db,
      'run-events',
      [found('run-a', 'shared-fp-01', 1), found('run-x', 'shared-fp-01', 1)],
      new Date(),
    );
    const rows = await projectFindings(db);
    expect(rows.map((r) => [r.id, r.project, r.occurrences])).toEqual(
      [
        [projectFindingIdOf(project, 'shared-fp-01'), project, 1],
        [projectFindingIdOf('another-project', 'shared-fp-01'), 'another-project', 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });
});
