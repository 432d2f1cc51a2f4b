import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { FindingTriagedV1, Finding } from '@fuzzforge/contracts';
import type { Database } from '@fuzzforge/platform';
import { deriveTriage, type RunSighting, type TriageDecision } from './triageHistory';

type Tx = Transaction<Database>;

/** A project finding's identity: one fingerprint within one project. */
export interface FindingKey {
  project: string;
  fingerprint: string;
}

/** A project finding's id: derivable without the database, so a rebuild gives every finding its old id. */
export const projectFindingIdOf = (project: string, fingerprint: string): string =>
  `fnd_${createHash('sha256').update(`${project}\n${fingerprint}`).digest('hex').slice(0, 24)}`;

/** Stores one triage decision (once per event id); its finding is refreshed with the batch. */
export async function recordTriage(tx: Tx, event: FindingTriagedV1): Promise<FindingKey> {
  const d = event.data;
  await tx
    .insertInto('finding_triage')
    .values({
      event_id: event.id,
      // Derived, not trusted: a decision always lands on the finding its project and fingerprint name.
      finding_id: projectFindingIdOf(d.project, d.fingerprint),
      project: d.project,
      fingerprint: d.fingerprint,
      status: d.status,
      comment: d.comment ?? null,
      triaged_by: d.triagedBy ?? null,
      triaged_at: d.triagedAt,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
  return { project: d.project, fingerprint: d.fingerprint };
}

/** The fingerprints a run reported: all of them become the project's once the run's project is known. */
export async function fingerprintsOfRun(tx: Tx, runId: string): Promise<string[]> {
  const rows = await tx.selectFrom('findings').select('fingerprint').where('run_id', '=', runId).execute();
  return rows.map((r) => r.fingerprint);
}

/** The project's reports of one fingerprint: runs whose request (and so project) is known. */
const sightingsOf = (tx: Tx, key: FindingKey) =>
  tx
    .selectFrom('findings')
    .innerJoin('runs', 'runs.id', 'findings.run_id')
    .where('findings.fingerprint', '=', key.fingerprint)
    .where('runs.project', '=', key.project)
    .where('runs.requested_at', 'is not', null);

interface Summary {
  occurrences: number;
  first: { run: string; seenAt: Date; requestedAt: Date };
  last: { run: string; seenAt: Date; finding: Finding; tool: string; ruleId: string; severity: string };
}

/** Count, first and latest report (in request order, then run id) of a fingerprint in its project. */
async function summarise(tx: Tx, key: FindingKey): Promise<Summary | null> {
  const counted = await sightingsOf(tx, key)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const occurrences = Number(counted?.n ?? 0);
  if (occurrences === 0) return null;
  const first = await sightingsOf(tx, key)
    .select(['findings.run_id', 'findings.found_at', 'runs.requested_at'])
    .orderBy('runs.requested_at', 'asc')
    .orderBy('findings.run_id', 'asc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const last = await sightingsOf(tx, key)
    .select([
      'findings.run_id',
      'findings.found_at',
      'findings.finding',
      'findings.tool',
      'findings.rule_id',
      'findings.severity',
    ])
    .orderBy('runs.requested_at', 'desc')
    .orderBy('findings.run_id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    occurrences,
    first: { run: first.run_id, seenAt: first.found_at, requestedAt: first.requested_at! },
    last: {
      run: last.run_id,
      seenAt: last.found_at,
      finding: last.finding,
      tool: last.tool,
      ruleId: last.rule_id,
      severity: last.severity,
    },
  };
}

const columnsOf = (s: Summary) => ({
  tool: s.last.tool,
  rule_id: s.last.ruleId,
  severity: s.last.severity,
  finding: JSON.stringify(s.last.finding),
  first_run_id: s.first.run,
  first_seen_at: s.first.seenAt,
  first_requested_at: s.first.requestedAt,
  last_run_id: s.last.run,
  last_seen_at: s.last.seenAt,
  occurrences: s.occurrences,
});

const lock = async (tx: Tx, id: string): Promise<boolean> =>
  (await tx
    .selectFrom('project_findings')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()) !== undefined;

async function triageDecisions(tx: Tx, id: string): Promise<TriageDecision[]> {
  const rows = await tx
    .selectFrom('finding_triage')
    .selectAll()
    .where('finding_id', '=', id)
    .orderBy('triaged_at')
    .orderBy('event_id')
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    status: r.status as TriageDecision['status'],
    comment: r.comment,
    triagedBy: r.triaged_by,
    at: r.triaged_at.toISOString(),
  }));
}

/** The runs requested after `since` that reported the fingerprint: the only ones that can reopen it. */
async function sightingsSince(tx: Tx, key: FindingKey, since: string): Promise<RunSighting[]> {
  const rows = await sightingsOf(tx, key)
    .select(['findings.run_id', 'runs.requested_at'])
    .where('runs.requested_at', '>=', new Date(since))
    .orderBy('runs.requested_at')
    .orderBy('findings.run_id')
    .execute();
  return rows.map((r) => ({ run: r.run_id, requestedAt: r.requested_at!.toISOString() }));
}

/**
 * Recomputes one project finding from the facts (the runs' findings, the triage decisions) under a
 * lock on its row: the result does not depend on the order in which facts arrived, so concurrent
 * consumers, redeliveries and a rebuild (stream after stream) all end at the same row.
 */
async function refresh(tx: Tx, key: FindingKey): Promise<void> {
  const id = projectFindingIdOf(key.project, key.fingerprint);
  if (!(await lock(tx, id))) {
    const seed = await summarise(tx, key);
    // Triaged before any run of the project reported it (streams replayed out of order): kept for later.
    if (!seed) return;
    await tx
      .insertInto('project_findings')
      .values({
        id,
        project: key.project,
        fingerprint: key.fingerprint,
        ...columnsOf(seed),
        status: 'open',
        history: JSON.stringify([]),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await lock(tx, id);
  }
  // Under the lock: whatever another transaction committed for this finding is visible from here on.
  const summary = await summarise(tx, key);
  if (!summary) {
    await tx.deleteFrom('project_findings').where('id', '=', id).execute();
    return;
  }
  const decisions = await triageDecisions(tx, id);
  const firstFixed = decisions.find((d) => d.status === 'fixed');
  const sightings = firstFixed ? await sightingsSince(tx, key, firstFixed.at) : [];
  const { status, history } = deriveTriage(decisions, sightings);
  await tx
    .updateTable('project_findings')
    .set({ ...columnsOf(summary), status, history: JSON.stringify(history) })
    .where('id', '=', id)
    .execute();
}

/**
 * Refreshes the project findings of `keys`, each once, in id order: every transaction locks run rows
 * first and project findings after, in one order, so two consumers never wait on each other in a circle.
 */
export async function refreshProjectFindings(tx: Tx, keys: Iterable<FindingKey>): Promise<void> {
  const byId = new Map<string, FindingKey>();
  for (const key of keys) byId.set(projectFindingIdOf(key.project, key.fingerprint), key);
  for (const id of [...byId.keys()].sort()) await refresh(tx, byId.get(id)!);
}
