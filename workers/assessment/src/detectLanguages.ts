import { ApplicationFailure, Context } from '@temporalio/activity';
import type { RunWorkflowInput, WorkflowCatalogEntry } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { ExtractionError, type RunEventEmitter, type TargetCache } from '@fuzzforge/worker-runtime';
import { childRunsFor, type ChildRun } from './assessmentPlan';
import {
  assessedVerticals,
  skippedDirectories,
  verticalOfFile,
  verticalsFor,
  type AssessedVertical,
} from './languageDetection';
import { workspaceFiles } from './workspaceFiles';

export interface DetectLanguagesDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  log: Logger;
  /** Each vertical's child workflow as its catalog publishes it. */
  children: ReadonlyMap<AssessedVertical, WorkflowCatalogEntry>;
  /** Entries of the target looked at before deciding; beyond it the decision rests on what was seen. */
  maxEntries: number;
}

/** The assessment's own progress: before its children's (which number theirs in their own scope). */
export const detectProgressSeq = { detect: 1, plan: 2 } as const;

/**
 * Fetches the target through the cache, lists its files and decides which verticals apply; returns
 * the child runs the workflow starts, everything they need included (the workflow reads no catalog).
 */
export function createDetectLanguagesActivity(deps: DetectLanguagesDeps) {
  return async function detectLanguages(input: RunWorkflowInput): Promise<ChildRun[]> {
    const ctx = Context.current();
    const log = deps.log.child({ runId: input.runId, attempt: ctx.info.attempt });
    // Fetching a large target takes a while: heartbeats tell Temporal this worker is alive meanwhile.
    const heartbeats = setInterval(() => ctx.heartbeat(), 2000);
    try {
      await deps.emitter.progress(
        input.runId,
        detectProgressSeq.detect,
        'detect',
        'Fetching the target and detecting its languages',
        2,
      );
      const workspace = await deps.cache
        .acquire(input.targetSha256, input.runId, input.cacheMode)
        .catch((err: unknown) => {
          if (err instanceof ExtractionError) {
            throw ApplicationFailure.nonRetryable(
              `target cannot be unpacked: ${err.message}`,
              'UnsafeArchive',
            );
          }
          throw err;
        });
      const seen = new Set<AssessedVertical>(['secrets']);
      const listing = await workspaceFiles(workspace.path, {
        skipDirectories: skippedDirectories,
        maxEntries: deps.maxEntries,
        // Once every vertical is in, more files cannot change the decision.
        stopAfter: (file) => {
          const vertical = verticalOfFile(file);
          if (vertical) seen.add(vertical);
          return seen.size === assessedVerticals.length;
        },
      }).finally(() => workspace.release());
      const plan = childRunsFor(verticalsFor(listing.files), deps.children);
      if (listing.truncated)
        log.warn('target has more entries than detection looks at', { maxEntries: deps.maxEntries });
      log.info('languages detected', { verticals: plan.map((c) => c.vertical), files: listing.files.length });
      await deps.emitter.progress(
        input.runId,
        detectProgressSeq.plan,
        'plan',
        `Running ${plan.map((c) => c.workflow).join(', ')}`,
        5,
      );
      return plan;
    } finally {
      clearInterval(heartbeats);
    }
  };
}
