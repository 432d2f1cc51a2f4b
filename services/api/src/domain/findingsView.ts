import {
  isSuppressed,
  type ProjectFinding,
  type ProjectFindingResponse,
  type TriageStatus,
} from '@fuzzforge/contracts';
import type { ProjectFindingRow } from '@fuzzforge/platform';

/** A project finding as the API shows it: the latest report's details plus its project-level facts. */
export const projectFindingFromRow = (row: ProjectFindingRow): ProjectFinding => {
  const status = row.status as TriageStatus;
  return {
    ...row.finding,
    id: row.id,
    project: row.project,
    status,
    suppressed: isSuppressed(status),
    firstSeen: { run: row.first_run_id, at: row.first_seen_at.toISOString() },
    lastSeen: { run: row.last_run_id, at: row.last_seen_at.toISOString() },
    occurrences: row.occurrences,
  };
};

export const projectFindingResponseFromRow = (row: ProjectFindingRow): ProjectFindingResponse => ({
  ...projectFindingFromRow(row),
  history: row.history,
});
