import { z } from 'zod';
import { ProjectName, RunStatus, Severity, TriageStatus } from '@fuzzforge/contracts';

// The query strings of the routes that read them by hand (pageCursor.ts, the list routes), described
// for the document: the same bounds the routes enforce, so a request the document allows is accepted.

const limit = z
  .number()
  .int()
  .min(1)
  .max(500)
  .default(50)
  .describe('Page size: at most this many items (1–500, default 50).');
const cursor = z.string().describe('The `next` of the previous page, passed back unchanged.');
/** A text filter: absent or empty is no filter. */
const textFilter = (description: string) => z.string().max(200).describe(description);

/** A project filter: absent or empty is every project the key may see. */
const projectFilter = (description: string) => z.union([ProjectName, z.literal('')]).describe(description);

export const TargetListQuery = z.object({
  project: projectFilter('Only targets uploaded to this project.').optional(),
  limit,
  cursor: cursor.optional(),
});

export const TargetUploadQuery = z.object({
  project: ProjectName.describe(
    "The project the target is uploaded to (default: the key's first project, else `default`).",
  ).optional(),
  filename: z
    .string()
    .describe(
      'Name to store with a raw upload (else taken from Content-Disposition); multipart uses the part’s.',
    )
    .optional(),
});

export const RunListQuery = z.object({
  project: projectFilter('Only runs of this project.').optional(),
  workflow: textFilter('Only runs of this workflow.').optional(),
  status: RunStatus.describe('Only runs in this status.').optional(),
  limit,
  cursor: cursor.optional(),
});

export const FindingListQuery = z.object({
  project: projectFilter('Only findings of this project.').optional(),
  run: textFilter('Only findings this run reported.').optional(),
  workflow: textFilter('Only findings reported by runs of this workflow.').optional(),
  tool: textFilter('Only findings of this tool (`gitleaks`, `semgrep`…).').optional(),
  rule: textFilter('Only findings of this rule id.').optional(),
  severity: Severity.describe('Only findings of this severity.').optional(),
  status: TriageStatus.describe('Only findings in this triage status.').optional(),
  'new-since-run': textFilter(
    "Only findings first seen after this run (by request time) in the run's project.",
  ).optional(),
  limit,
  cursor: cursor.optional(),
});

export const RunFindingsQuery = z.object({
  format: z
    .enum(['json', 'sarif'])
    .describe('`sarif` answers SARIF 2.1.0; without it, `Accept: application/sarif+json` does too.')
    .optional(),
});

export const RunEventsQuery = z.object({
  lastEventId: z
    .string()
    .regex(/^\d{0,15}$/)
    .describe('Resume after this event id, for clients that cannot send the Last-Event-ID header.')
    .optional(),
});

export const CorpusQuery = z.object({
  project: ProjectName.describe('Only corpora of this project.').optional(),
  engine: z.string().describe('Only corpora of this fuzzing engine.').optional(),
  harness: z.string().describe('Only corpora of this harness.').optional(),
});
