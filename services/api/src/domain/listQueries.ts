import { sql } from 'kysely';
import type { FindingListResponse, RunListResponse, TargetListResponse } from '@fuzzforge/contracts';
import type { ApiDeps } from '../deps';
import { encodeCursor, type PagePosition } from './pageCursor';
import { findingFromRow, runFromRow, targetFromRow } from './views';

type Db = Pick<ApiDeps, 'db'>;

// Cursors carry times as ISO strings (milliseconds): every time compared here was written from one,
// so no row hides in the sub-millisecond gap between a cursor and its row.

/** The cursor after the last row of a full page; none when the page was the last. */
const nextOf = <T>(rows: T[], limit: number, position: (row: T) => PagePosition): string | null =>
  rows.length > limit ? encodeCursor(position(rows[limit - 1]!)) : null;

export interface RunFilter {
  project?: string;
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
  if (filter.workflow) query = query.where('workflow', '=', filter.workflow);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (after) query = query.where(sql<boolean>`(requested_at, id) < (${after.key}::timestamptz, ${after.id})`);
  const rows = await query
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return {
    runs: rows.slice(0, limit).map(runFromRow),
    next: nextOf(rows, limit, (r) => ({ key: r.requested_at!.toISOString(), id: r.id })),
  };
}

/** Targets newest upload first, then by id. */
export async function listTargets(
  deps: Db,
  limit: number,
  after: PagePosition | undefined,
): Promise<TargetListResponse> {
  let query = deps.db.selectFrom('targets').selectAll();
  if (after) query = query.where(sql<boolean>`(uploaded_at, id) < (${after.key}::timestamptz, ${after.id})`);
  const rows = await query
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return {
    targets: rows.slice(0, limit).map(targetFromRow),
    next: nextOf(rows, limit, (r) => ({ key: r.uploaded_at.toISOString(), id: r.id })),
  };
}

export interface FindingFilter {
  project?: string;
  run?: string;
  workflow?: string;
  severity?: string;
  tool?: string;
  rule?: string;
}

/** Findings across runs, newest first, then by run and fingerprint; `project`/`workflow` are the run's. */
export async function listFindings(
  deps: Db,
  filter: FindingFilter,
  limit: number,
  after: PagePosition | undefined,
): Promise<FindingListResponse> {
  let query = deps.db
    .selectFrom('findings')
    .innerJoin('runs', 'runs.id', 'findings.run_id')
    .selectAll('findings');
  if (filter.project) query = query.where('runs.project', '=', filter.project);
  if (filter.workflow) query = query.where('runs.workflow', '=', filter.workflow);
  if (filter.run) query = query.where('findings.run_id', '=', filter.run);
  if (filter.severity) query = query.where('findings.severity', '=', filter.severity);
  if (filter.tool) query = query.where('findings.tool', '=', filter.tool);
  if (filter.rule) query = query.where('findings.rule_id', '=', filter.rule);
  if (after) {
    const [run, fingerprint] = splitFindingId(after.id);
    query = query.where(
      sql<boolean>`(findings.found_at, findings.run_id, findings.fingerprint) < (${after.key}::timestamptz, ${run}, ${fingerprint})`,
    );
  }
  const rows = await query
    .orderBy('findings.found_at', 'desc')
    .orderBy('findings.run_id', 'desc')
    .orderBy('findings.fingerprint', 'desc')
    .limit(limit + 1)
    .execute();
  return {
    findings: rows.slice(0, limit).map((row) => ({
      ...findingFromRow(row),
      run: row.run_id,
      foundAt: row.found_at.toISOString(),
    })),
    next: nextOf(rows, limit, (r) => ({ key: r.found_at.toISOString(), id: `${r.run_id}:${r.fingerprint}` })),
  };
}

/** A finding id is `<runId>:<fingerprint>`; run ids hold no colon. */
const splitFindingId = (id: string): [string, string] => {
  const colon = id.indexOf(':');
  return colon < 0 ? [id, ''] : [id.slice(0, colon), id.slice(colon + 1)];
};
