import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { RunWorkflowInput } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { storageKeys } from '@fuzzforge/platform';
import type { RunEventEmitter, RunSummary } from '@fuzzforge/worker-runtime';
import { mergedReport } from './mergedReport';

export interface MergeReportsDeps {
  emitter: RunEventEmitter;
  s3: S3Client;
  bucket: string;
  log: Logger;
}

/**
 * The merge's progress: the read model shows the highest sequence number of a run, and every child
 * counts its own from 1, so the merge comes well above any of theirs.
 */
export const mergeProgressSeq = 1000;

/**
 * Reads each child's `results/<runId>/<vertical>.sarif`, writes the merged
 * `results/<runId>/report.sarif` and returns the run's summary. Idempotent: a retry writes the same.
 */
export function createMergeReportsActivity(deps: MergeReportsDeps) {
  const read = async (key: string): Promise<unknown> => {
    // A missing report is a plain (retried) error: the child that wrote it has completed.
    const object = await deps.s3.send(new GetObjectCommand({ Bucket: deps.bucket, Key: key }));
    const text = (await object.Body?.transformToString()) ?? '';
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw ApplicationFailure.nonRetryable(`${key} is not JSON: ${(err as Error).message}`, 'InvalidReport');
    }
  };

  return async function mergeReports(input: RunWorkflowInput, verticals: string[]): Promise<RunSummary> {
    const log = deps.log.child({ runId: input.runId, attempt: Context.current().info.attempt });
    await deps.emitter.progress(
      input.runId,
      mergeProgressSeq,
      'merge',
      `Merging the reports of ${verticals.join(', ')}`,
      95,
    );
    const logs = await Promise.all(verticals.map((v) => read(storageKeys.childReport(input.runId, v))));
    let merged;
    try {
      merged = mergedReport(logs, `fuzzforge/${input.workflow}/${input.runId}`);
    } catch (err) {
      throw ApplicationFailure.nonRetryable(
        `a child report is not ours: ${(err as Error).message}`,
        'InvalidReport',
      );
    }
    const reportKey = storageKeys.report(input.runId);
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucket,
        Key: reportKey,
        Body: JSON.stringify(merged.sarif, null, 2),
        ContentType: 'application/sarif+json',
      }),
    );
    log.info('reports merged', { verticals, findings: merged.findingCount });
    return { findingCount: merged.findingCount, countsBySeverity: merged.countsBySeverity, reportKey };
  };
}
