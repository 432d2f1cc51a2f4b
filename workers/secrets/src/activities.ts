import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { zeroCounts, type RunWorkflowInput } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { sarifFromFindings, storageKeys } from '@fuzzforge/platform';
import {
  createRunReportActivities,
  ExtractionError,
  runTool,
  type RunEventEmitter,
  type RunSummary,
  type TargetCache,
} from '@fuzzforge/worker-runtime';
import { findingsFromGitleaks } from './gitleaksReport';
import { gitleaksVersion } from './provisionGitleaks';
import { SecretScanParameters } from './secretScanParameters';

export interface SecretsActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  gitleaksPath: string;
  log: Logger;
}

/** Activities of the secrets vertical, built with their dependencies (no globals). */
export function createSecretsActivities(deps: SecretsActivityDeps) {
  const { emitter } = deps;

  async function scanSecrets(input: RunWorkflowInput): Promise<RunSummary> {
    const parsed = SecretScanParameters.safeParse(input.parameters);
    if (!parsed.success) {
      throw ApplicationFailure.nonRetryable(
        `invalid parameters: ${parsed.error.message}`,
        'InvalidParameters',
      );
    }
    const params = parsed.data;
    const ctx = Context.current();
    const log = deps.log.child({ runId: input.runId, attempt: ctx.info.attempt });

    await emitter.progress(input.runId, 1, 'fetch', 'Fetching and unpacking the target', 10);
    const workspace = await deps.cache
      .acquire(input.targetSha256, input.runId, input.cacheMode)
      .catch((err: unknown) => {
        if (err instanceof ExtractionError) {
          throw ApplicationFailure.nonRetryable(`target cannot be unpacked: ${err.message}`, 'UnsafeArchive');
        }
        throw err;
      });
    const scratch = await mkdtemp(join(tmpdir(), 'ff-gitleaks-'));
    try {
      await emitter.progress(input.runId, 2, 'scan', 'Running gitleaks', 30);
      const reportPath = join(scratch, 'gitleaks.json');
      // The report is written unredacted to a private scratch dir: the fingerprint needs the secret's
      // hash; the findings redact it before anything leaves this process.
      const result = await runTool({
        command: deps.gitleaksPath,
        args: [
          'dir',
          '.',
          '--report-format',
          'json',
          '--report-path',
          reportPath,
          '--exit-code',
          '0',
          '--no-banner',
          '--no-color',
          '--log-level',
          'warn',
          '--max-target-megabytes',
          String(params.maxFileSizeMegabytes),
        ],
        cwd: workspace.path,
        timeoutMs: params.timeoutSeconds * 1000,
        heartbeatIntervalMs: 5000,
        onHeartbeat: (info) => ctx.heartbeat(info),
        signal: ctx.cancellationSignal,
      });
      if (result.cancelled) throw ApplicationFailure.nonRetryable('scan cancelled', 'Cancelled');
      if (result.timedOut) {
        throw ApplicationFailure.nonRetryable(`gitleaks exceeded ${params.timeoutSeconds} s`, 'ToolTimeout');
      }
      if (result.exitCode !== 0) {
        throw new Error(
          `gitleaks exited with ${result.exitCode ?? result.signal}: ${result.stderr.slice(-2000)}`,
        );
      }
      const findings = findingsFromGitleaks(await readFile(reportPath, 'utf8'), {
        redact: params.redact,
        toolVersion: gitleaksVersion.slice(1),
      });

      await emitter.progress(input.runId, 3, 'report', `Reporting ${findings.length} findings`, 80);
      for (const finding of findings) await emitter.finding(input.runId, finding);
      const reportKey = storageKeys.report(input.runId);
      const sarif = sarifFromFindings(findings, ['gitleaks'], `fuzzforge/${input.workflow}/${input.runId}`);
      await deps.s3.send(
        new PutObjectCommand({
          Bucket: deps.bucket,
          Key: reportKey,
          Body: JSON.stringify(sarif, null, 2),
          ContentType: 'application/sarif+json',
        }),
      );
      const counts = zeroCounts();
      for (const f of findings) counts[f.severity] += 1;
      log.info('secret scan finished', { findings: findings.length, durationMs: result.durationMs });
      return { findingCount: findings.length, countsBySeverity: counts, reportKey };
    } finally {
      await rm(scratch, { recursive: true, force: true });
      await workspace.release();
    }
  }

  return { ...createRunReportActivities(emitter), scanSecrets };
}

export type SecretsActivities = ReturnType<typeof createSecretsActivities>;
