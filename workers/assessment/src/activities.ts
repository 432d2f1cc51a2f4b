import type { S3Client } from '@aws-sdk/client-s3';
import type { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { createRunReportActivities, type RunEventEmitter, type TargetCache } from '@fuzzforge/worker-runtime';
import { createDetectLanguagesActivity } from './detectLanguages';
import type { AssessedVertical } from './languageDetection';
import { createMergeReportsActivity } from './mergeReports';

export interface AssessmentActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  log: Logger;
  /** Each vertical's child workflow as its catalog publishes it. */
  children: ReadonlyMap<AssessedVertical, WorkflowCatalogEntry>;
  /** Entries of a target looked at to detect its languages. */
  maxEntries: number;
}

/** Activities of the assessment vertical, built with their dependencies (no globals). */
export function createAssessmentActivities(deps: AssessmentActivityDeps) {
  return {
    ...createRunReportActivities(deps.emitter),
    detectLanguages: createDetectLanguagesActivity(deps),
    mergeReports: createMergeReportsActivity(deps),
  };
}

export type AssessmentActivities = ReturnType<typeof createAssessmentActivities>;
