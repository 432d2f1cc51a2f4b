import { z } from 'zod';
import { Finding } from '../finding';
import { CrashFrame, FuzzStats, ProjectName } from '../fuzzing';
import { SeverityCounts } from '../severity';
import { TriageStatus } from '../triageStatus';
import { FindingLifecycle, ProjectFinding } from './findings';

export const RunStatus = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;

export const CreateRunRequest = z.object({
  target: z.string().min(1),
  workflow: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()).default({}),
  /**
   * Groups runs: findings and crashes are deduplicated and fuzzing corpora kept per project. Absent:
   * `default`, or the first project of a key limited to projects.
   */
  project: ProjectName.optional(),
});
export type CreateRunRequest = z.infer<typeof CreateRunRequest>;

/** Body of POST /v1/runs/:id/cancel (optional). */
export const CancelRunRequest = z.object({ reason: z.string().max(500).optional() });
export type CancelRunRequest = z.infer<typeof CancelRunRequest>;

/** The answer to a cancel: the run's status when it was asked; the run ends `cancelled` shortly after. */
export const CancelRunResponse = z.object({
  id: z.string(),
  status: RunStatus,
  cancelRequested: z.literal(true),
});
export type CancelRunResponse = z.infer<typeof CancelRunResponse>;

export const CreateRunResponse = z.object({
  id: z.string(),
  status: RunStatus,
  /** Set when the run retries another. */
  retryOf: z.string().optional(),
});
export type CreateRunResponse = z.infer<typeof CreateRunResponse>;

export const RunTimelineEntry = z.object({ status: RunStatus, at: z.string() });
export type RunTimelineEntry = z.infer<typeof RunTimelineEntry>;

export const RunResponse = z.object({
  id: z.string(),
  status: RunStatus,
  target: z.string().nullable(),
  workflow: z.string().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  requestedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  timeline: z.array(RunTimelineEntry),
  findingCounts: SeverityCounts,
  /**
   * What gates a build: the run's findings by severity without those triaged false_positive or
   * accepted_risk (as triaged now, so a triage also clears runs that already ended).
   */
  gatingCounts: SeverityCounts,
  progress: z.object({ step: z.string(), message: z.string(), percent: z.number().optional() }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  reportKey: z.string().nullable(),
  project: ProjectName,
  /** The run this one retries, if any. */
  retryOf: z.string().nullable(),
  /** The latest counters of a fuzzing campaign (kept after it ended); null for other workflows. */
  fuzzing: FuzzStats.nullable(),
});
export type RunResponse = z.infer<typeof RunResponse>;

/** A crash finding across its project: the one crash every run that found it shares. */
export const CrashSighting = z.object({
  crashId: z.string(),
  runsSeen: z.number().int().positive(),
  firstSeenRun: z.string(),
  lastSeenRun: z.string(),
});
export type CrashSighting = z.infer<typeof CrashSighting>;

/** A finding as one run reported it, with its place in the project's finding lifecycle. */
export const RunFinding = Finding.extend({
  /** `<runId>:<fingerprint>`: this run's report of the finding. */
  id: z.string(),
  seen: CrashSighting.optional(),
  /** The project finding (GET/PATCH /v1/findings/:id); null until the run's request is projected. */
  findingId: z.string().nullable(),
  /** `new` when this run is the first of its project to report it; null like `findingId`. */
  lifecycle: FindingLifecycle.nullable(),
  /** The project finding's triage status (`open` until someone triages it). */
  status: TriageStatus,
  /** Triaged false_positive or accepted_risk: not counted in the run's gatingCounts. */
  suppressed: z.boolean(),
});
export type RunFinding = z.infer<typeof RunFinding>;

export const FindingsResponse = z.object({
  run: z.string(),
  /** The run's status when the findings were read: a running run may still add some. */
  status: RunStatus,
  findings: z.array(RunFinding),
  /** The previous completed run of the same project and workflow this (completed) run is compared with. */
  baselineRun: z.string().nullable(),
  /** Findings the baseline run reported and this completed run no longer does. */
  fixed: z.array(ProjectFinding),
});
export type FindingsResponse = z.infer<typeof FindingsResponse>;

/** One distinct crash of a project, with how often and where it was seen. */
export const CrashResponse = z.object({
  id: z.string(),
  project: ProjectName,
  signature: z.string(),
  type: z.string(),
  summary: z.string(),
  engine: z.string(),
  harness: z.string(),
  frames: z.array(CrashFrame),
  reproducible: z.boolean(),
  /** Distinct runs of the project that found it. */
  runsSeen: z.number().int().positive(),
  firstSeenRun: z.string(),
  lastSeenRun: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** Where to download the reproducer. */
  inputUrl: z.string(),
  inputSize: z.number().int().nonnegative(),
  inputSha256: z.string(),
});
export type CrashResponse = z.infer<typeof CrashResponse>;

/** A run's crashes: the project-level crash plus what this run saw of it. */
export const RunCrashesResponse = z.object({
  run: z.string(),
  crashes: z.array(
    CrashResponse.extend({
      run: z.object({
        inputSha256: z.string(),
        inputSize: z.number().int().nonnegative(),
        reproducible: z.boolean(),
        minimized: z.boolean(),
        foundAt: z.string(),
      }),
    }),
  ),
});
export type RunCrashesResponse = z.infer<typeof RunCrashesResponse>;

/** Corpus size and coverage of one harness of a project, run after run. */
export const CorpusHistoryResponse = z.object({
  corpora: z.array(
    z.object({
      project: ProjectName,
      engine: z.string(),
      harness: z.string(),
      runs: z.array(
        z.object({
          run: z.string(),
          corpusSize: z.number().int().nonnegative(),
          coverage: z.number().int().nonnegative(),
          coverageUnit: z.string(),
          executions: z.number().int().nonnegative(),
          uniqueCrashes: z.number().int().nonnegative(),
          final: z.boolean(),
          recordedAt: z.string(),
        }),
      ),
    }),
  ),
});
export type CorpusHistoryResponse = z.infer<typeof CorpusHistoryResponse>;

/** A page of runs, newest request first; `next` is the cursor of the following page. */
export const RunListResponse = z.object({ runs: z.array(RunResponse), next: z.string().nullable() });
export type RunListResponse = z.infer<typeof RunListResponse>;
