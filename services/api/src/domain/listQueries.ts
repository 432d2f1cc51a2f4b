import { sql } from 'kysely';
import type { FindingListResponse, RunListResponse, TargetListResponse } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { encodeCursor, type PagePosition } from './pageCursor';
import { projectsOfTargets } from './targets';
import { gatingCountsOf } from './findingsOfRun';
import { projectFindingFromRow } from './findingsView';
import { runFromRow, targetFromRow } from './views';

type Db = Pick<ApiDeps, 'db'>;

// Cursors carry times as ISO strings (milliseconds): every time compared here was written from one,
// so no row hides in the sub-millisecond gap between a cursor and its row.

/** The cursor after the last row of a full page; none when the page was the last. */
const nextOf = <T>(rows: T[], limit: number, position: (row: T) => PagePosition): string | null =>
  rows.length > limit ? encodeCursor(position(rows[limit - 1]!)) : null;

export interface RunFilter {
  project?: string;
  /** Only these projects (the caller's key is limited to them). */
  projects?: readonly string[];
  workflow?: string;
  status?: string;
}

/** Runs newest request first, then by id: a stable order, so a cursor never skips or repeats a run. */
export async function listRuns(
  deps: Db,
  filter: RunFilter,
  limit: number,
  after: PagePosition | undefined,
): Promise<RunListResponse> {
  let query = deps.db.selectFrom('runs').selectAll().where('requested_at', 'is not', null);
  if (filter.project) query = query.where('project', '=', filter.project);
  if (filter.projects) query = query.where('project', 'in', filter.projects);
  if (filter.workflow) query = query.where('workflow', '=', filter.workflow);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (after) query = query.where(sql<boolean>`(requested_at, id) < (${after.key}::timestamptz, ${after.id})`);
  const rows = await query
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const gating = await gatingCountsOf(
    deps,
    page.map((r) => r.id),
  );
  return {
    runs: page.map((r) => runFromRow(r, gating.get(r.id)!)),
    next: nextOf(rows, limit, (r) => ({ key: r.requested_at!.toISOString(), id: r.id })),
  };
}

export interface TargetFilter {
  project?: string;
  /** Only targets of these projects (the caller's key is limited to them). */
  projects?: readonly string[];
}

/** Targets newest upload first, then by id. */
export async function listTargets(
  deps: Db,
  filter: TargetFilter,
  limit: number,
  after: PagePosition | undefined,
): Promise<TargetListResponse> {
  let query = deps.db.selectFrom('targets').selectAll();
  const projects = filter.project ? [filter.project] : filter.projects;
  if (projects) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('target_projects')
          .select('target_projects.target_id')
          .whereRef('target_projects.target_id', '=', 'targets.id')
          .where('target_projects.project', 'in', projects),
      ),
    );
  }
  if (after) query = query.where(sql<boolean>`(uploaded_at, id) < (${after.key}::timestamptz, ${after.id})`);
  const rows = await query
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const projectsOf = await projectsOfTargets(
    deps.db,
    page.map((r) => r.id),
  );
  return {
    targets: page.map((r) => targetFromRow(r, projectsOf.get(r.id) ?? [])),
    next: nextOf(rows, limit, (r) => ({ key: r.uploaded_at.toISOString(), id: r.id })),
  };
}

export interface FindingFilter {
  project?: string;
  /** Only these projects (the caller's key is limited to them). */
  projects?: readonly string[];
  /** Reported by this run. */
  run?: string;
  /** Reported by a run of this workflow. */
  workflow?: string;
  /** Triage status. */
  status?: string;
  severity?: string;
  tool?: string;
  rule?: string;
  /** First seen by a run requested after this one (which must be known), in its project. */
  newSince?: { project: string; requestedAt: string; id: string };
}

/**
 * Project findings (deduplicated by fingerprint), most recently first seen first, then by id. A filter
 * on run or workflow keeps the findings some run of the project with that id or workflow reported.
 */
export async function listFindings(
  deps: Db,
  filter: FindingFilter,
  limit: number,
  after: PagePosition | undefined,
): Promise<FindingListResponse> {
  let query = deps.db.selectFrom('project_findings as pf').selectAll('pf');
  if (filter.project) query = query.where('pf.project', '=', filter.project);
  if (filter.projects) query = query.where('pf.project', 'in', filter.projects);
  if (filter.status) query = query.where('pf.status', '=', filter.status);
  if (filter.severity) query = query.where('pf.severity', '=', filter.severity);
  if (filter.tool) query = query.where('pf.tool', '=', filter.tool);
  if (filter.rule) query = query.where('pf.rule_id', '=', filter.rule);
  if (filter.run || filter.workflow) {
    const { run, workflow } = filter;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('findings')
          .innerJoin('runs', 'runs.id', 'findings.run_id')
          .select('findings.run_id')
          .whereRef('findings.fingerprint', '=', 'pf.fingerprint')
          .whereRef('runs.project', '=', 'pf.project')
          .$if(run !== undefined, (q) => q.where('findings.run_id', '=', run!))
          .$if(workflow !== undefined, (q) => q.where('runs.workflow', '=', workflow!)),
      ),
    );
  }
  if (filter.newSince) {
    const since = filter.newSince;
    query = query
      .where('pf.project', '=', since.project)
      .where(
        sql<boolean>`(pf.first_requested_at, pf.first_run_id) > (${since.requestedAt}::timestamptz, ${since.id})`,
      );
  }
  if (after) {
    query = query.where(sql<boolean>`(pf.first_seen_at, pf.id) < (${after.key}::timestamptz, ${after.id})`);
  }
  const rows = await query
    .orderBy('pf.first_seen_at', 'desc')
    .orderBy('pf.id', 'desc')
    .limit(limit + 1)
    .execute();
  return {
    findings: rows.slice(0, limit).map(projectFindingFromRow),
    next: nextOf(rows, limit, (r) => ({ key: r.first_seen_at.toISOString(), id: r.id })),
  };
}

/** The run a `new-since-run` filter starts after: it must exist, and its request be known. */
export async function newSinceOf(deps: Db, runId: string | undefined): Promise<FindingFilter['newSince']> {
  if (runId === undefined) return undefined;
  const run = await deps.db
    .selectFrom('runs')
    .select(['id', 'project', 'requested_at'])
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run?.requested_at || !run.project) {
    throw new ApiError('validation-failed', `new-since-run names no known run (${runId}).`, [
      { path: '/new-since-run', message: 'the id of a run' },
    ]);
  }
  return { project: run.project, requestedAt: run.requested_at.toISOString(), id: run.id };
}
