import { z } from 'zod';
import { Finding } from '../finding';
import { ProjectName } from '../fuzzing';
import { TriageStatus } from '../triageStatus';

/** Body of PATCH /v1/findings/:id. */
export const TriageRequest = z
  .object({
    status: TriageStatus,
    comment: z.string().max(2000).optional(),
  })
  .strict();
export type TriageRequest = z.infer<typeof TriageRequest>;

/** Where a project finding was seen: the run and the time that run reported it. */
export const FindingSighting = z.object({ run: z.string(), at: z.string() });
export type FindingSighting = z.infer<typeof FindingSighting>;

/**
 * One entry of a finding's triage history: a person's decision (`triage`), or the platform reopening
 * a finding triaged `fixed` because a later run reported it again (`regression`, with that run).
 */
export const TriageHistoryEntry = z.object({
  kind: z.enum(['triage', 'regression']),
  status: TriageStatus,
  comment: z.string().nullable(),
  /** Who triaged (an API key id) when known; null for regressions. */
  triagedBy: z.string().nullable(),
  at: z.string(),
  /** The run that reported the finding again (regressions only). */
  run: z.string().nullable(),
});
export type TriageHistoryEntry = z.infer<typeof TriageHistoryEntry>;

/**
 * A finding of a project, deduplicated by fingerprint over the project's runs. Its details are those
 * of the latest run that reported it; `firstSeen`/`lastSeen` follow the order in which runs were requested.
 */
export const ProjectFinding = Finding.extend({
  /** Stable id of (project, fingerprint): the same after a rebuild of the read models. */
  id: z.string(),
  project: ProjectName,
  status: TriageStatus,
  /** True for `false_positive` and `accepted_risk`: excluded from gating in every run. */
  suppressed: z.boolean(),
  firstSeen: FindingSighting,
  lastSeen: FindingSighting,
  /** How many runs reported it. */
  occurrences: z.number().int().positive(),
});
export type ProjectFinding = z.infer<typeof ProjectFinding>;

/** GET /v1/findings/:id and the answer of PATCH /v1/findings/:id: the finding with its triage history. */
export const ProjectFindingResponse = ProjectFinding.extend({
  /** Oldest first. */
  history: z.array(TriageHistoryEntry),
});
export type ProjectFindingResponse = z.infer<typeof ProjectFindingResponse>;

/** A page of project findings, most recently first seen first; `next` is the cursor of the following page. */
export const FindingListResponse = z.object({
  findings: z.array(ProjectFinding),
  next: z.string().nullable(),
});
export type FindingListResponse = z.infer<typeof FindingListResponse>;

/** How a run's finding relates to its project: first reported by this run, or known before. */
export const FindingLifecycle = z.enum(['new', 'recurring']);
export type FindingLifecycle = z.infer<typeof FindingLifecycle>;
