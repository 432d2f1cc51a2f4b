import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CorpusHistoryResponse, CrashResponse, RunEvent, RunResponse } from '@fuzzforge/contracts';
import { eventually, json } from '../support/http';
import { fuzzFixture, uniqueProject, type CampaignResult } from '../support/fuzzRuns';
import { findingsOf, requestRun, uploadFixture } from '../support/scanRuns';
import { readSse } from '../support/sse';

const api = inject('apiUrl');

/** Pids of the processes of a run's campaign (its scratch dir is named after the run). */
const campaignProcesses = (runId: string): number[] => {
  try {
    return execFileSync('pgrep', ['-f', `ff-fuzz-${runId}-`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

describe('fuzzing campaigns across runs of one project (libfuzzer on tests/fixtures/fuzz-c-heap)', () => {
  const project = uniqueProject('dedup');
  let first: CampaignResult;
  let second: CampaignResult;

  beforeAll(async () => {
    first = await fuzzFixture(api, 'fuzz-c-heap', 'libfuzzer', project);
    second = await fuzzFixture(api, 'fuzz-c-heap', 'libfuzzer', project);
  }, 600_000);

  it('reports a crash found in two runs as one crash seen twice', async () => {
    expect(first.crashes).toHaveLength(1);
    expect(second.crashes).toHaveLength(1);
    expect(second.crashes[0]!.id).toBe(first.crashes[0]!.id);
    const crash = await json<CrashResponse>(await fetch(`${api}/v1/crashes/${first.crashes[0]!.id}`));
    expect(crash).toMatchObject({
      project,
      runsSeen: 2,
      firstSeenRun: first.runId,
      lastSeenRun: second.runId,
    });
    const fingerprints = [first, second].map((r) => r.findings.find((f) => f.crash)?.fingerprint);
    expect(fingerprints[0]).toBeDefined();
    expect(fingerprints[1]).toBe(fingerprints[0]);
    // The second run's finding says it is the project's crash, seen in both runs.
    const latest = await findingsOf(api, second.runId);
    expect(latest.find((f) => f.crash)?.seen).toEqual({
      crashId: first.crashes[0]!.id,
      runsSeen: 2,
      firstSeenRun: first.runId,
      lastSeenRun: second.runId,
    });
  });

  it('keeps the same crash apart in another project', async () => {
    const other = await fuzzFixture(api, 'fuzz-c-heap', 'libfuzzer', uniqueProject('other'));
    expect(other.crashes[0]!.signature).toBe(first.crashes[0]!.signature);
    expect(other.crashes[0]!.id).not.toBe(first.crashes[0]!.id);
    expect(other.crashes[0]!.runsSeen).toBe(1);
  }, 300_000);

  it('stores the corpus at the end of a run and seeds the next run with it; the history is queryable', async () => {
    const history = await json<CorpusHistoryResponse>(
      await fetch(`${api}/v1/corpora?project=${project}&engine=libfuzzer`),
    );
    expect(history.corpora).toHaveLength(1);
    const runs = history.corpora[0]!.runs;
    expect(runs.map((r) => r.run)).toEqual([first.runId, second.runId]);
    expect(runs.every((r) => r.final && r.corpusSize > 0 && r.coverage > 0)).toBe(true);
    // The second run started from the first one's stored corpus: its first running snapshot (published
    // right after seeding) already holds every input the first run stored.
    const events = await readSse(`${api}/v1/runs/${second.runId}/events`);
    const firstRunning = events.events
      .filter((e) => e.event === 'ff.run.progress')
      .map((e) => (JSON.parse(e.data) as Extract<RunEvent, { type: 'ff.run.progress' }>).data.fuzzing)
      .find((s) => s?.phase === 'running');
    expect(firstRunning?.corpusSize).toBeGreaterThanOrEqual(first.run.fuzzing!.corpusSize);
    expect(first.run.fuzzing!.corpusSize).toBeGreaterThan(0);
  });

  it('replays a finished run as Server-Sent Events, ending after its end event, and resumes with Last-Event-ID', async () => {
    const all = await readSse(`${api}/v1/runs/${second.runId}/events`);
    expect(all.status).toBe(200);
    expect(all.contentType).toContain('text/event-stream');
    expect(all.ended).toBe(true);
    const types = all.events.map((e) => e.event);
    expect(types[0]).toBe('ff.run.started');
    expect(types.at(-1)).toBe('ff.run.completed');
    expect(types).toContain('ff.run.finding');
    const stats = all.events
      .filter((e) => e.event === 'ff.run.progress')
      .map((e) => (JSON.parse(e.data) as Extract<RunEvent, { type: 'ff.run.progress' }>).data.fuzzing);
    expect(stats.some((s) => s?.phase === 'final')).toBe(true);

    const ids = all.events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const middle = all.events[Math.floor(all.events.length / 2)]!;
    const resumed = await readSse(`${api}/v1/runs/${second.runId}/events`, { lastEventId: middle.id! });
    expect(resumed.events.map((e) => e.id)).toEqual(
      all.events.filter((e) => Number(e.id) > Number(middle.id)).map((e) => e.id),
    );
  });

  it('answers a resume id that is not a number with a problem', async () => {
    const res = await fetch(`${api}/v1/runs/${second.runId}/events`, { headers: { 'last-event-id': 'x' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('a live campaign (libfuzzer on tests/fixtures/fuzz-c-bench, a harness without a crash)', () => {
  it('streams live counters, then stops its fuzzer within 5 s of a cancel', async () => {
    const target = await uploadFixture(api, 'fuzz-c-bench');
    const runId = await requestRun(
      api,
      target.id,
      'libfuzzer',
      { durationSeconds: 600 },
      uniqueProject('live'),
    );
    // Two running snapshots with growing executions: the counters are live, not only a final report.
    const live = await readSse(`${api}/v1/runs/${runId}/events`, {
      timeoutMs: 180_000,
      until: (_e, all) =>
        all.filter((e) => e.event === 'ff.run.progress' && e.data.includes('"phase":"running"')).length >= 2,
    });
    const running = live.events
      .filter((e) => e.event === 'ff.run.progress' && e.data.includes('"phase":"running"'))
      .map((e) => (JSON.parse(e.data) as Extract<RunEvent, { type: 'ff.run.progress' }>).data.fuzzing!);
    expect(running.length).toBeGreaterThanOrEqual(2);
    expect(running[1]!.executions).toBeGreaterThan(running[0]!.executions);
    expect(running[1]!.execsPerSecond).toBeGreaterThan(0);
    expect(campaignProcesses(runId).length).toBeGreaterThan(0);

    const before = await json<RunResponse>(await fetch(`${api}/v1/runs/${runId}`));
    expect(before.fuzzing?.executions).toBeGreaterThan(0);

    const cancelledAt = Date.now();
    const res = await fetch(`${api}/v1/runs/${runId}/cancel`, { method: 'POST' });
    expect(res.status).toBe(202);
    await eventually(
      () => Promise.resolve(campaignProcesses(runId).length === 0 ? true : undefined),
      10_000,
      'the fuzzer to be killed',
    );
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    const run = await eventually(
      async () => {
        const r = await json<RunResponse>(await fetch(`${api}/v1/runs/${runId}`));
        return r.status === 'cancelled' ? r : undefined;
      },
      30_000,
      'the run to be cancelled',
    );
    expect(run.error?.code).toBe('Cancelled');
  }, 300_000);
});
