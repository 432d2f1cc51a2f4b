import { sql } from 'kysely';
import {
  isSuppressed,
  type CrashSighting,
  type Finding,
  type FindingsResponse,
  type ProjectFinding,
  type RunFinding,
  type RunResponse,
  type Severity,
  type SeverityCounts,
  type TriageStatus,
} from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { fixedFingerprints, gatingCounts, lifecycleOf } from './findingsLifecycle';
import { projectFindingFromRow } from './findingsView';
import { crashSightings } from './crashes';

type Db = Pick<ApiDeps, 'db'>;

/** A run's findings with their project findings (none while the run's request is not projected). */
async function findingRows(deps: Db, runId: string) {
  return deps.db
    .selectFrom('findings')
    .innerJoin('runs', 'runs.id', 'findings.run_id')
    .leftJoin('project_findings as pf', (join) =>
      join.onRef('pf.project', '=', 'runs.project').onRef('pf.fingerprint', '=', 'findings.fingerprint'),
    )
    .selectAll('findings')
    .select(['pf.id as finding_id', 'pf.first_run_id', 'pf.status as triage_status'])
    .where('findings.run_id', '=', runId)
    .orderBy('findings.path')
    .orderBy('findings.start_line')
    .orderBy('findings.fingerprint')
    .execute();
}

/** The previous completed run of the same project and workflow, in request order. */
async function baselineOf(deps: Db, run: RunResponse): Promise<string | null> {
  if (run.status !== 'completed' || !run.workflow || !run.requestedAt) return null;
  const row = await deps.db
    .selectFrom('runs')
    .select('id')
    .where('project', '=', run.project)
    .where('workflow', '=', run.workflow)
    .where('status', '=', 'completed')
    .where(sql<boolean>`(requested_at, id) < (${run.requestedAt}::timestamptz, ${run.id})`)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

async function fixedBy(
  deps: Db,
  run: RunResponse,
  baseline: string,
  current: string[],
): Promise<ProjectFinding[]> {
  const before = await deps.db
    .selectFrom('findings')
    .select('fingerprint')
    .where('run_id', '=', baseline)
    .orderBy('fingerprint')
    .execute();
  const fixed = fixedFingerprints(
    before.map((r) => r.fingerprint),
    current,
  );
  if (fixed.length === 0) return [];
  const rows = await deps.db
    .selectFrom('project_findings')
    .selectAll()
    .where('project', '=', run.project)
    .where('fingerprint', 'in', fixed)
    .orderBy('id')
    .execute();
  return rows.map(projectFindingFromRow);
}

/**
 * A run's findings, each marked `new` or `recurring` in its project and with its triage status, and —
 * for a completed run — the findings it fixed against its baseline run.
 */
export async function runFindings(
  deps: Db,
  run: RunResponse,
): Promise<Omit<FindingsResponse, 'run' | 'status'>> {
  const rows = await findingRows(deps, run.id);
  // A crash finding says how often its project saw it: one crash found in two runs is seen twice.
  const sightings = rows.some((r) => r.finding.crash)
    ? await crashSightings(deps, run.id)
    : new Map<string, CrashSighting>();
  const findings = rows.map((row): RunFinding => {
    const status = (row.triage_status ?? 'open') as TriageStatus;
    const seen = row.finding.crash ? sightings.get(row.fingerprint) : undefined;
    return {
      ...row.finding,
      id: `${row.run_id}:${row.fingerprint}`,
      ...(seen ? { seen } : {}),
      findingId: row.finding_id,
      lifecycle: row.first_run_id === null ? null : lifecycleOf(run.id, row.first_run_id),
      status,
      suppressed: isSuppressed(status),
    };
  });
  const baselineRun = await baselineOf(deps, run);
  const fixed = baselineRun
    ? await fixedBy(
        deps,
        run,
        baselineRun,
        rows.map((r) => r.fingerprint),
      )
    : [];
  return { findings, baselineRun, fixed };
}

/** The finding model of a run finding, without what the run view adds (for SARIF). */
export const plainFinding = ({
  id: _id,
  seen: _seen,
  findingId: _findingId,
  lifecycle: _lifecycle,
  status: _status,
  suppressed: _suppressed,
  ...finding
}: RunFinding): Finding => finding;

/** Gating counts of runs: their findings by severity, without the suppressed ones (as triaged now). */
export async function gatingCountsOf(
  deps: Db,
  runIds: readonly string[],
): Promise<Map<string, SeverityCounts>> {
  if (runIds.length === 0) return new Map();
  const rows = await deps.db
    .selectFrom('findings')
    .innerJoin('runs', 'runs.id', 'findings.run_id')
    .leftJoin('project_findings as pf', (join) =>
      join.onRef('pf.project', '=', 'runs.project').onRef('pf.fingerprint', '=', 'findings.fingerprint'),
    )
    .select([
      'findings.run_id',
      'findings.severity',
      // Not triaged yet (or its request not projected yet): open.
      (eb) => eb.fn.coalesce('pf.status', eb.val('open')).as('status'),
      (eb) => eb.fn.countAll<string>().as('n'),
    ])
    .where('findings.run_id', 'in', runIds)
    .groupBy(['findings.run_id', 'findings.severity', 'pf.status'])
    .execute();
  return new Map(
    runIds.map((id) => [
      id,
      gatingCounts(
        rows
          .filter((r) => r.run_id === id)
          .map((r) => ({
            severity: r.severity as Severity,
            status: r.status as TriageStatus,
            count: Number(r.n),
          })),
      ),
    ]),
  );
}
