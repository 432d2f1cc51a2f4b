import {
  defaultProject,
  zeroCounts,
  type FuzzStats,
  type RunRequestedData,
  type RunResponse,
  type RunStatus,
  type SeverityCounts,
  type TargetResponse,
  type TargetUploadedData,
} from '@fuzzforge/contracts';
import type { RunRow, TargetRow } from '@fuzzforge/platform';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const targetFromRow = (row: TargetRow, projects: readonly string[]): TargetResponse => ({
  id: row.id,
  sha256: row.sha256,
  size: Number(row.size),
  filename: row.filename,
  contentType: row.content_type,
  uploadedAt: row.uploaded_at.toISOString(),
  projects: [...projects].sort(),
});

export const targetFromEvent = (data: TargetUploadedData): TargetResponse => ({
  id: data.targetId,
  sha256: data.sha256,
  size: data.size,
  filename: data.filename ?? null,
  contentType: data.contentType,
  uploadedAt: data.uploadedAt,
  projects: [data.project ?? defaultProject],
});

/** A projected run; `gatingCounts` come from its findings and their triage (gatingCountsOf). */
export const runFromRow = (row: RunRow, gatingCounts: SeverityCounts): RunResponse => ({
  id: row.id,
  status: row.status as RunStatus,
  target: row.target_id,
  workflow: row.workflow,
  parameters: row.parameters,
  requestedAt: iso(row.requested_at),
  startedAt: iso(row.started_at),
  finishedAt: iso(row.finished_at),
  timeline: row.timeline,
  findingCounts: row.finding_counts,
  gatingCounts,
  progress: row.progress
    ? {
        step: row.progress.step,
        message: row.progress.message,
        ...(row.progress.percent === undefined ? {} : { percent: row.progress.percent }),
      }
    : null,
  error: row.error,
  reportKey: row.report_key,
  project: row.project ?? defaultProject,
  retryOf: row.retry_of,
  fuzzing: row.fuzzing ? withoutTime(row.fuzzing) : null,
});

const withoutTime = ({ at: _at, ...stats }: FuzzStats & { at: string }): FuzzStats => stats;

/** A run the projector has not seen yet: its request is stored, so it is queued. */
export const runFromRequest = (data: RunRequestedData): RunResponse => ({
  id: data.runId,
  status: 'queued',
  target: data.targetId,
  workflow: data.workflow,
  parameters: data.parameters,
  requestedAt: data.requestedAt,
  startedAt: null,
  finishedAt: null,
  timeline: [{ status: 'queued', at: data.requestedAt }],
  findingCounts: zeroCounts(),
  gatingCounts: zeroCounts(),
  progress: null,
  error: null,
  reportKey: null,
  project: data.project ?? defaultProject,
  retryOf: data.retryOf ?? null,
  fuzzing: null,
});
