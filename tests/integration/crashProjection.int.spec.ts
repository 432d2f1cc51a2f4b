import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type { Finding, FuzzForgeEvent } from '@fuzzforge/contracts';
import { crashIdOf, project } from '@fuzzforge/projector';
import { useClients } from '../support/clients';

const clientsOf = useClients(inject('serviceEnv'));

const signature = 'c0ffee00c0ffee00c0ffee00c0ffee00';

const crashFinding = (projectName: string, inputSha: string, reproducible: boolean): Finding => ({
  fingerprint: `crash-${signature}`,
  tool: { name: 'libfuzzer' },
  ruleId: 'crash/heap-buffer-overflow',
  severity: 'critical',
  message: 'heap-buffer-overflow in parse_record',
  location: { path: 'src/parser.c', startLine: 21 },
  cwe: ['CWE-122'],
  artifacts: [],
  crash: {
    signature,
    project: projectName,
    type: 'heap-buffer-overflow',
    summary: 'READ of size 1',
    frames: [{ function: 'parse_record', file: 'src/parser.c', line: 21 }],
    engine: 'libfuzzer',
    harness: 'fuzz/fuzz_parse',
    input: { key: `crashes/${projectName}/${signature}/${inputSha}`, sha256: inputSha, size: 9 },
    reproducible,
    minimized: false,
  },
});

const findingEvent = (runId: string, f: Finding, at: string): FuzzForgeEvent => ({
  specversion: '1.0',
  source: 'test',
  datacontenttype: 'application/json',
  version: 'v1',
  id: `${runId}.finding.${f.fingerprint}`,
  type: 'ff.run.finding',
  subject: `ff.run.${runId}.finding`,
  time: at,
  data: { runId, finding: f, foundAt: at },
});

describe('crash projection', () => {
  it('counts a crash once per run of its project, however often a run reports it', async () => {
    const { db } = clientsOf();
    const projectName = `p-${ulid().toLowerCase()}`;
    const [runA, runB] = [ulid(), ulid()];
    const consumer = `test-${runA}`;
    const a = findingEvent(
      runA,
      crashFinding(projectName, 'a'.repeat(64), false),
      '2026-01-01T00:00:00.000Z',
    );
    const b = findingEvent(runB, crashFinding(projectName, 'b'.repeat(64), true), '2026-01-02T00:00:00.000Z');
    await project(db, consumer, a, new Date());
    // A redelivery, and the same finding under another event id (a retried activity): still one sighting.
    await project(db, consumer, a, new Date());
    await project(db, consumer, { ...a, id: `${a.id}.again` }, new Date());
    await project(db, consumer, b, new Date());

    const crash = await db
      .selectFrom('crashes')
      .selectAll()
      .where('id', '=', crashIdOf(projectName, signature))
      .executeTakeFirstOrThrow();
    expect(crash).toMatchObject({
      runs_seen: 2,
      first_run_id: runA,
      last_run_id: runB,
      // The later sighting reproduced: its input became the reproducer.
      reproducible: true,
      input_sha256: 'b'.repeat(64),
    });
    const sightings = await db
      .selectFrom('run_crashes')
      .select('run_id')
      .where('crash_id', '=', crash.id)
      .orderBy('found_at')
      .execute();
    expect(sightings.map((s) => s.run_id)).toEqual([runA, runB]);
  });

  it('keeps the same signature apart in two projects', async () => {
    const { db } = clientsOf();
    const runs = [ulid(), ulid()];
    const projects = runs.map((r) => `q-${r.toLowerCase()}`);
    for (const [i, runId] of runs.entries()) {
      await project(
        db,
        `test-${runId}`,
        findingEvent(runId, crashFinding(projects[i]!, 'c'.repeat(64), true), new Date().toISOString()),
        new Date(),
      );
    }
    const rows = await db
      .selectFrom('crashes')
      .select(['project', 'runs_seen'])
      .where('signature', '=', signature)
      .where('project', 'in', projects)
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.runs_seen === 1)).toBe(true);
  });
});
