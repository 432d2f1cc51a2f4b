import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type { Finding, FuzzForgeEvent } from '@fuzzforge/contracts';
import { project, projectBatch } from '@fuzzforge/projector';
import { useClients } from '../support/clients';

const clientsOf = useClients(inject('serviceEnv'));

const envelope = {
  specversion: '1.0',
  source: 'test',
  datacontenttype: 'application/json',
  version: 'v1',
} as const;

const finding = (fingerprint: string): Finding => ({
  fingerprint,
  tool: { name: 'gitleaks' },
  ruleId: 'aws-access-token',
  severity: 'critical',
  message: 'AWS key',
  location: { path: 'config/aws.ini', startLine: 3 },
  cwe: ['CWE-798'],
  artifacts: [],
});

const findingEvent = (runId: string, fp: string): FuzzForgeEvent => ({
  ...envelope,
  id: `${runId}.finding.${fp}`,
  type: 'ff.run.finding',
  subject: `ff.run.${runId}.finding`,
  time: new Date().toISOString(),
  data: { runId, finding: finding(fp), foundAt: new Date().toISOString() },
});

describe('projector', () => {
  it('applies each event once, however often it is delivered', async () => {
    const clients = clientsOf();
    const runId = ulid();
    const consumer = `test-${runId}`;
    const event = findingEvent(runId, 'f'.repeat(16));
    expect(await project(clients.db, consumer, event, new Date())).toBe(true);
    expect(await project(clients.db, consumer, event, new Date())).toBe(false);
    // The same finding under another event id (a re-run activity with a new clock) is still one finding.
    expect(await project(clients.db, consumer, { ...event, id: `${event.id}.again` }, new Date())).toBe(true);
    const rows = await clients.db.selectFrom('findings').selectAll().where('run_id', '=', runId).execute();
    expect(rows).toHaveLength(1);
    const run = await clients.db
      .selectFrom('runs')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    expect(run.finding_counts.critical).toBe(1);
    expect(run.status).toBe('running');
  });

  it('serialises concurrent events of one run without losing any', async () => {
    const clients = clientsOf();
    const runId = ulid();
    const events = Array.from({ length: 20 }, (_, i) =>
      findingEvent(runId, `fp${String(i).padStart(10, '0')}`),
    );
    await Promise.all(events.map((e) => project(clients.db, `test-${runId}`, e, new Date())));
    const run = await clients.db
      .selectFrom('runs')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    expect(run.finding_counts.critical).toBe(20);
  });

  it('applies a batch in one transaction, skipping events it already applied', async () => {
    const clients = clientsOf();
    const runs = [ulid(), ulid(), ulid()];
    const consumer = `test-batch-${runs[0]}`;
    const events = runs.flatMap((runId) =>
      Array.from({ length: 10 }, (_, i) => findingEvent(runId, `batch${String(i).padStart(10, '0')}`)),
    );
    expect(await projectBatch(clients.db, consumer, [...events, events[0]!], new Date())).toBe(30);
    expect(await projectBatch(clients.db, consumer, events, new Date())).toBe(0);
    const rows = await clients.db.selectFrom('runs').selectAll().where('id', 'in', runs).execute();
    expect(rows.map((r) => r.finding_counts.critical)).toEqual([10, 10, 10]);
    const ledger = await clients.db
      .selectFrom('processed_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('consumer', '=', consumer)
      .executeTakeFirstOrThrow();
    expect(Number(ledger.n)).toBe(30);
  });
});
