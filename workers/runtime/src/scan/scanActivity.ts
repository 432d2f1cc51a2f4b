import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Finding, RunWorkflowInput } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { storageKeys } from '@fuzzforge/platform';
import type { RunEventEmitter } from '../runEventEmitter';
import { storeRunReport } from '../runReport';
import type { RunSummary } from '../runReportActivities';
import { ExtractionError } from '../safeExtract';
import type { TargetCache } from '../targetCache';
import { withToolSpan } from '@fuzzforge/observability';
import { runTool, type ToolRunResult } from '../toolRunner';
import { toolOutcomeOf, type ToolRunMetrics } from '../workerMetrics';
import { mergeFindings } from './mergeFindings';
import type { ToolAdapter } from './toolAdapter';

export interface ScanActivityDeps<P> {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  log: Logger;
  tools: ToolAdapter<P>[];
  /** Parses the run's parameters (defaults already applied by the API); throws on bad input. */
  parseParameters: (raw: Record<string, unknown>) => P & { timeoutSeconds: number };
  /** Vertical-specific merge of the tools' findings (e.g. two tools flagging one secret); default: by fingerprint. */
  merge?: (perTool: Finding[][]) => Finding[];
  /** Each tool process's duration and outcome; runVerticalWorker passes it in with the other deps. */
  metrics?: ToolRunMetrics;
}

/**
 * The activity every static-analysis vertical runs: fetch the target into the cache, run each tool in
 * turn (process group, timeout, heartbeats, scrubbed environment), normalise and merge the findings,
 * publish them with deterministic ids and store the SARIF report. A tool that crashes or times out
 * fails the step with a reason; the worker lives on.
 */
export function createScanActivity<P>(deps: ScanActivityDeps<P>) {
  const merge = deps.merge ?? mergeFindings;
  return async function scanTarget(input: RunWorkflowInput): Promise<RunSummary> {
    let params: P & { timeoutSeconds: number };
    try {
      params = deps.parseParameters(input.parameters);
    } catch (err) {
      throw ApplicationFailure.nonRetryable(
        `invalid parameters: ${(err as Error).message}`,
        'InvalidParameters',
      );
    }
    const ctx = Context.current();
    const part = input.child;
    const log = deps.log.child({
      runId: input.runId,
      attempt: ctx.info.attempt,
      ...(part ? { part: part.scope } : {}),
    });
    let seq = 1;
    // A part of a composite run numbers its progress in its own scope and names itself in the step.
    const progress = (step: string, message: string, percent: number): Promise<void> =>
      part
        ? deps.emitter.progress(input.runId, seq++, `${part.scope}:${step}`, message, percent, part.scope)
        : deps.emitter.progress(input.runId, seq++, step, message, percent);
    await progress('fetch', 'Fetching and unpacking the target', 5);
    // Parts of one run may share a cache directory: each holds the target under its own name.
    const cacheRunId = part ? `${input.runId}.${part.scope}` : input.runId;
    const workspace = await deps.cache
      .acquire(input.targetSha256, cacheRunId, input.cacheMode)
      .catch((err: unknown) => {
        if (err instanceof ExtractionError) {
          throw ApplicationFailure.nonRetryable(`target cannot be unpacked: ${err.message}`, 'UnsafeArchive');
        }
        throw err;
      });
    const scratch = await mkdtemp(path.join(tmpdir(), 'ff-scan-'));
    const deadline = Date.now() + params.timeoutSeconds * 1000;
    try {
      const perTool: Finding[][] = [];
      for (const [index, tool] of deps.tools.entries()) {
        const percent = Math.round(10 + (80 * index) / deps.tools.length);
        await progress(`scan:${tool.name}`, `Running ${tool.name}`, percent);
        const toolCtx = { workspace: workspace.path, scratch, params };
        const invocation = tool.invocation(toolCtx);
        const toolStarted = performance.now();
        // The tool process is a span of the run's trace; TRACEPARENT tells a tool that can continue it.
        const toolSpan = {
          tool: tool.name,
          vertical: ctx.info.taskQueue.replace(/^ff-/, ''),
          runId: input.runId,
        };
        const result: ToolRunResult = await withToolSpan(toolSpan, (traceEnv) =>
          runTool({
            command: invocation.command,
            args: invocation.args,
            cwd: workspace.path,
            env: { ...invocation.env, ...traceEnv },
            timeoutMs: Math.max(1000, deadline - Date.now()),
            heartbeatIntervalMs: 1000,
            onHeartbeat: (info) => ctx.heartbeat({ tool: tool.name, ...info }),
            signal: ctx.cancellationSignal,
            sandbox: {
              memoryBytes: (input.resources?.memoryMb ?? 4096) * 1024 * 1024,
              network: input.resources?.network ?? 'none',
            },
          }),
        ).catch((err: unknown) => {
          deps.metrics?.toolRun(tool.name, 'error', (performance.now() - toolStarted) / 1000);
          throw err;
        });
        deps.metrics?.toolRun(
          tool.name,
          toolOutcomeOf(result, invocation.okExitCodes),
          result.durationMs / 1000,
        );
        // Rethrowing the activity's own cancellation tells Temporal the cancel was honoured.
        if (result.cancelled) throw ctx.cancellationSignal.reason ?? new Error('scan cancelled');
        if (result.timedOut) {
          throw ApplicationFailure.nonRetryable(
            `${tool.name} exceeded the ${params.timeoutSeconds} s budget`,
            'ToolTimeout',
          );
        }
        if (result.exitCode === null || !invocation.okExitCodes.includes(result.exitCode)) {
          throw ApplicationFailure.retryable(
            `${tool.name} failed (${result.exitCode ?? result.signal}): ${result.stderr.slice(-2000)}`,
            'ToolFailed',
          );
        }
        const report = invocation.reportFile ? await readFile(invocation.reportFile, 'utf8') : result.stdout;
        perTool.push(tool.parse(report, toolCtx));
      }
      const findings = merge(perTool);

      await progress('report', `Reporting ${findings.length} findings`, 90);
      // A part's findings are the composite run's: their fingerprints name the tool, so parts never collide.
      for (const finding of findings) await deps.emitter.finding(input.runId, finding);
      log.info('scan finished', {
        workflow: input.workflow,
        findings: findings.length,
        cache: deps.cache.stats(),
      });
      return await storeRunReport(deps.s3, deps.bucket, {
        key: part ? storageKeys.childReport(input.runId, part.scope) : storageKeys.report(input.runId),
        findings,
        tools: deps.tools.map((t) => t.name),
        automationId: `fuzzforge/${input.workflow}/${input.runId}`,
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
      await workspace.release();
    }
  };
}
