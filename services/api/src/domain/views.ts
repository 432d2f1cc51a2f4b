import {
  defaultProject,
  zeroCounts,
  type FuzzStats,
  type Finding,
  type RunRequestedData,
  type RunResponse,
  type RunStatus,
  type TargetResponse,
  type TargetUploadedData,
} from '@fuzzforge/contracts';
import type { FindingRow, RunRow, TargetRow } from '@fuzzforge/platform';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const targetFromRow = (row: TargetRow): TargetResponse => ({
  id: row.id,
  sha256: row.sha256,
  size: Number(row.size),
  filename: row.filename,
  contentType: row.content_type,
  uploadedAt: row.uploaded_at.toISOString(),
});

export const targetFromEvent = (data: TargetUploadedData): TargetResponse => ({
  id: data.targetId,
  sha256: data.sha256,
  size: data.size,
  filename: data.filename ?? null,
  contentType: data.contentType,
  uploadedAt: data.uploadedAt,
});

export const runFromRow = (row: RunRow): RunResponse => ({
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
  progress: null,
  error: null,
  reportKey: null,
  project: data.project ?? defaultProject,
  retryOf: data.retryOf ?? null,
  fuzzing: null,
});

export const findingFromRow = (row: FindingRow): Finding & { id: string } => ({
  id: `${row.run_id}:${row.fingerprint}`,
  ...row.finding,
});
