import type { Client as TemporalClient } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Finding } from '@fuzzforge/contracts';
import type { Database } from '@fuzzforge/platform';
import type { Replays } from './replays';
import type { RetryingApi } from './retryingApi';
import type { StoredRunEvents } from './storedEvents';

/** A finding as the suite compares them: rule, file and line. */
export const findingKey = (f: Pick<Finding, 'ruleId' | 'location'>): string =>
  `${f.ruleId} ${f.location.path}:${f.location.startLine ?? '-'}`;

export interface AuditDeps {
  api: RetryingApi;
  db: Kysely<Database>;
  temporal: TemporalClient;
  /** This session's events as JetStream stored them, by run: requests (FF_RUNS) and facts (FF_RUN_EVENTS). */
  stored: { requests: Map<string, StoredRunEvents>; events: Map<string, StoredRunEvents> };
  /** Events the suite stored twice on purpose: they must be stored twice, and count once. */
  replays: Replays;
}

/** Why one accepted run is not what an undisturbed run of its target gives, by category. */
export interface RunVerdict {
  runId: string;
  /** Not (or not exactly once) in a terminal state, or a stored event never projected. */
  lost: string[];
  /** Something of it exists twice: execution, terminal state, stored event, projected event, finding. */
  duplicated: string[];
  /** Terminal once, but not the outcome of the reference run. */
  wrong: string[];
}

const empty: StoredRunEvents = { copies: new Map(), facts: new Map() };

/** Checks one accepted run through the API, Temporal, JetStream and the projector's ledger. */
export async function auditRun(
  d: AuditDeps,
  runId: string,
  expected: readonly string[],
): Promise<RunVerdict> {
  const verdict: RunVerdict = { runId, lost: [], duplicated: [], wrong: [] };

  const run = await d.api.run(runId);
  const terminal = run.timeline.filter((t) => ['completed', 'failed', 'cancelled'].includes(t.status));
  if (terminal.length === 0) verdict.lost.push(`status ${run.status}, never terminal`);
  if (terminal.length > 1) verdict.duplicated.push(`terminal ${terminal.length} times in its timeline`);
  if (run.status !== 'completed') verdict.wrong.push(`ended ${run.status}: ${JSON.stringify(run.error)}`);

  const executions: string[] = [];
  for await (const wf of d.temporal.workflow.list({ query: `WorkflowId = '${runId}'` })) {
    executions.push(wf.status.name);
  }
  if (executions.length === 0) verdict.lost.push('no workflow execution in Temporal');
  if (executions.length > 1) verdict.duplicated.push(`${executions.length} workflow executions`);
  if (executions.some((s) => s !== 'COMPLETED')) verdict.wrong.push(`executions ${executions.join(',')}`);

  // What JetStream stored: each event once (the suite's replays aside), whatever was retried.
  const requests = d.stored.requests.get(runId) ?? empty;
  const events = d.stored.events.get(runId) ?? empty;
  const replayed = new Map<string, number>();
  if (d.replays.requests.has(runId)) replayed.set(`${runId}.requested`, 1);
  const replayedFinding = d.replays.findings.get(runId);
  if (replayedFinding) replayed.set(replayedFinding, 1);
  for (const [id, copies] of [...requests.copies, ...events.copies]) {
    if (copies > 1 + (replayed.get(id) ?? 0)) verdict.duplicated.push(`event ${id} stored ${copies} times`);
  }
  if (!requests.copies.has(`${runId}.requested`)) verdict.lost.push('no request stored');
  const factIds = (...facts: string[]): number =>
    facts.reduce((n, fact) => n + (events.facts.get(fact)?.size ?? 0), 0);
  if (factIds('started') === 0) verdict.lost.push('no started event stored');
  if (factIds('started') > 1)
    verdict.duplicated.push(`${factIds('started')} different started events stored`);
  const ends = factIds('completed', 'failed', 'cancelled');
  if (ends === 0) verdict.lost.push('no terminal event stored');
  if (ends > 1) verdict.duplicated.push(`${ends} different terminal events stored`);
  const storedFindings = events.facts.get('finding')?.size ?? 0;
  if (storedFindings !== expected.length)
    verdict.wrong.push(`${storedFindings} finding events stored, the reference run found ${expected.length}`);

  const body = await d.api.findings(runId);
  const keys = body.findings.map(findingKey);
  if (new Set(keys).size !== keys.length)
    verdict.duplicated.push(`findings listed twice: ${keys.join('; ')}`);
  const want = [...expected].sort();
  const got = [...new Set(keys)].sort();
  if (want.join('\n') !== got.join('\n'))
    verdict.wrong.push(`findings ${JSON.stringify(got)}, the reference run found ${JSON.stringify(want)}`);
  const counted = Object.values(run.findingCounts).reduce((a, b) => a + b, 0);
  if (counted !== body.findings.length)
    verdict.duplicated.push(`findingCounts say ${counted}, ${body.findings.length} finding rows`);

  // Every stored event projected exactly once: the projector's ledger holds each stored event id of
  // the run once, and nothing else.
  const ledger = await d.db
    .selectFrom('processed_events')
    .select('event_id')
    .where('event_id', 'like', `${runId}.%`)
    .execute();
  const projected = ledger.map((r) => r.event_id);
  const storedIds = new Set([...requests.copies.keys(), ...events.copies.keys()]);
  const twice = projected.filter((id, i) => projected.indexOf(id) !== i);
  if (twice.length > 0) verdict.duplicated.push(`projected twice: ${twice.join(', ')}`);
  const never = [...storedIds].filter((id) => !projected.includes(id));
  if (never.length > 0) verdict.lost.push(`stored, never projected: ${never.join(', ')}`);
  const phantom = projected.filter((id) => !storedIds.has(id));
  if (phantom.length > 0) verdict.duplicated.push(`projected, never stored: ${phantom.join(', ')}`);
  return verdict;
}

/** Platform-wide: no event id in the projector's ledger twice, no finding twice per run. */
export async function globalDuplicates(db: Kysely<Database>): Promise<string[]> {
  const events = await db
    .selectFrom('processed_events')
    .select(['event_id', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('event_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .limit(20)
    .execute();
  const findings = await db
    .selectFrom('findings')
    .select(['run_id', 'fingerprint', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['run_id', 'fingerprint'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .limit(20)
    .execute();
  return [
    ...events.map((e) => `event ${e.event_id} projected ${e.n} times`),
    ...findings.map((f) => `finding ${f.fingerprint} of run ${f.run_id} stored ${f.n} times`),
  ];
}
