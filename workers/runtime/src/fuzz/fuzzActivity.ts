import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { defaultProject, type Finding, type FuzzStats, type RunWorkflowInput } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { storageKeys } from '@fuzzforge/platform';
import type { RunEventEmitter } from '../runEventEmitter';
import { storeRunReport } from '../runReport';
import type { RunSummary } from '../runReportActivities';
import { ExtractionError } from '../safeExtract';
import type { TargetCache } from '../targetCache';
import { CampaignStats } from './campaignStats';
import { checkpointFrom, MAX_CHECKPOINT_FINDINGS, type CampaignCheckpoint } from './campaignCheckpoint';
import { createCrashRecorder } from './crashRecorder';
import { corpusFiles, unionCorpus } from './corpusDir';
import { downloadCorpus, uploadCorpus } from './corpusStore';
import { CampaignCancelled, createEngineContext } from './engineContext';
import {
  HarnessBuildError,
  type BuiltHarness,
  type EngineContext,
  type FuzzEngineAdapter,
} from './fuzzEngine';
import { FuzzParameters } from './fuzzParameters';
import { pickHarness } from './harnessChoice';

export interface FuzzActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  log: Logger;
  /** The engines this vertical runs, by the workflow name that selects them. */
  engines: Record<string, FuzzEngineAdapter>;
  /** How often live counters are published; default 3 s. */
  statsIntervalMs?: number;
}

/** Crash inputs triaged per session at most; past it they are stored, not re-run. */
const MAX_TRIAGE_PER_SESSION = 200;
/** Sessions that stop at once on a known crash, in a row, before the campaign gives up the budget. */
const MAX_UNPRODUCTIVE_SESSIONS = 3;

/**
 * The activity of every fuzzing workflow: fetch the target, build the harness, seed it with the
 * project's corpus, fuzz within the budget (restarting engines that stop at a crash), triage each
 * crashing input (re-run once, parse, deduplicate by signature, minimize when asked, store the input),
 * publish each new crash as a finding at once and live counters every few seconds, then merge and store
 * the corpus and the SARIF report. Heartbeats carry a checkpoint, so a retried attempt resumes.
 */
export function createFuzzActivity(deps: FuzzActivityDeps) {
  const statsIntervalMs = deps.statsIntervalMs ?? 3000;
  return async function fuzzTarget(input: RunWorkflowInput): Promise<RunSummary> {
    const engine = deps.engines[input.workflow];
    if (!engine) {
      throw ApplicationFailure.nonRetryable(
        `this worker runs no fuzzing engine for workflow ${input.workflow}`,
        'UnknownWorkflow',
      );
    }
    const parsed = FuzzParameters.safeParse(input.parameters);
    if (!parsed.success) {
      throw ApplicationFailure.nonRetryable(
        `invalid parameters: ${parsed.error.message}`,
        'InvalidParameters',
      );
    }
    const params = parsed.data;
    const actx = Context.current();
    const project = input.project ?? defaultProject;
    const resumed = checkpointFrom(actx.info.heartbeatDetails);
    const log = deps.log.child({ runId: input.runId, attempt: actx.info.attempt, engine: engine.engine });
    // Attempts number their progress apart: a retried campaign's counters are not duplicates of the last's.
    const scope = `a${actx.info.attempt}`;
    let seq = 0;
    const publish = (message: string, stats: FuzzStats): Promise<void> =>
      deps.emitter.fuzzProgress(input.runId, ++seq, scope, message, stats);

    const workspace = await deps.cache
      .acquire(input.targetSha256, input.runId, input.cacheMode)
      .catch((err: unknown) => {
        if (err instanceof ExtractionError) {
          throw ApplicationFailure.nonRetryable(`target cannot be unpacked: ${err.message}`, 'UnsafeArchive');
        }
        throw err;
      });
    // Named after the run: an operator (or a test) finds a campaign's processes by it.
    const scratch = await mkdtemp(path.join(tmpdir(), `ff-fuzz-${input.runId}-`));
    // The budget is fuzzing and triage time: the clock starts once the harness is built and seeded.
    let started: number | undefined;
    const elapsed = (): number =>
      (resumed?.elapsedSeconds ?? 0) + (started === undefined ? 0 : (Date.now() - started) / 1000);
    const findings: Finding[] = [...(resumed?.findings ?? [])];
    const signatures = new Set(resumed?.signatures ?? []);
    let stats: CampaignStats | undefined;
    const checkpoint = (): CampaignCheckpoint => ({
      elapsedSeconds: elapsed(),
      executions: stats?.executions ?? resumed?.executions ?? 0,
      crashes: stats?.crashes ?? resumed?.crashes ?? 0,
      findings: findings.slice(0, MAX_CHECKPOINT_FINDINGS),
      signatures: [...signatures],
    });
    const ctx = createEngineContext({
      workspace: workspace.path,
      scratch,
      signal: actx.cancellationSignal,
      onHeartbeat: () => actx.heartbeat(checkpoint()),
    });
    let ticker: NodeJS.Timeout | undefined;
    // Heartbeats (and so cancels and the checkpoint) go on between commands too: seeding and storing
    // a large corpus take longer than the heartbeat timeout.
    const heartbeat = setInterval(() => actx.heartbeat(checkpoint()), 1000);
    try {
      const harness = pickHarness(await engine.discover(workspace.path), params.harness, engine.engine);
      stats = new CampaignStats(project, engine.engine, harness.name, engine.coverageUnit, resumed);
      const campaign = stats;
      await publish(`Building ${harness.name}`, campaign.snapshot(signatures.size, elapsed(), 'building'));
      const built = await engine.build(harness, ctx).catch((err: unknown) => {
        if (err instanceof HarnessBuildError) {
          throw ApplicationFailure.nonRetryable(
            `${harness.name} does not build: ${err.message}\n${err.log.slice(-2000)}`,
            'HarnessBuildFailed',
          );
        }
        throw err;
      });

      const corpusDir = path.join(scratch, 'corpus');
      await mkdir(corpusDir, { recursive: true });
      const corpusKey = storageKeys.corpus(project, engine.engine, harness.name);
      if (params.seedCorpus) {
        const seeded = await downloadCorpus(deps.s3, deps.bucket, corpusKey, corpusDir);
        log.info('corpus seeded', { harness: harness.name, inputs: seeded });
      }
      campaign.setCorpusSize((await corpusFiles(corpusDir)).length);
      started = Date.now();
      await publish(
        `Fuzzing ${harness.name} from ${campaign.snapshot(0, 0, 'running').corpusSize} seed inputs`,
        campaign.snapshot(signatures.size, elapsed(), 'running'),
      );
      // A resumed attempt publishes what the last one reported (the same event ids: stored once), in
      // case that attempt died between its checkpoint and its publish.
      for (const finding of findings) await deps.emitter.finding(input.runId, finding);

      ticker = setInterval(() => {
        publish(`Fuzzing ${harness.name}`, campaign.snapshot(signatures.size, elapsed(), 'running')).catch(
          (err: unknown) => log.warn('live stats not published', { error: String(err) }),
        );
      }, statsIntervalMs);

      const crashes = createCrashRecorder({
        engine,
        built,
        harness,
        ctx,
        project,
        s3: deps.s3,
        bucket: deps.bucket,
        minimize: params.minimize,
        signatures,
        report: async (finding) => {
          findings.push(finding);
          await deps.emitter.finding(input.runId, finding);
        },
        log,
      });

      let unproductive = 0;
      for (let session = 1; ; session++) {
        const remaining = params.durationSeconds - elapsed();
        const executionsLeft =
          params.maxExecutions === undefined ? undefined : params.maxExecutions - campaign.executions;
        if (remaining < 1 || (executionsLeft !== undefined && executionsLeft <= 0)) break;
        if (params.stopAfterCrashes > 0 && signatures.size >= params.stopAfterCrashes) break;
        const crashDir = path.join(scratch, 'crashes', String(session));
        await mkdir(crashDir, { recursive: true });
        const before = campaign.executions;
        const enough = new AbortController();
        const wanted = params.stopAfterCrashes - signatures.size;
        const outcome = await engine.fuzz(
          {
            built,
            corpusDir,
            crashDir,
            budget: {
              durationSeconds: Math.ceil(remaining),
              ...(executionsLeft === undefined ? {} : { maxExecutions: executionsLeft }),
              jobs: params.jobs,
              timeoutPerInputMs: params.inputTimeoutMs,
              memoryMb: params.memoryMb,
              ...(params.seed === undefined ? {} : { seed: params.seed }),
            },
            onCounters: (c) => {
              campaign.update(c);
              // Engines that fuzz on after a crash end the session once it has enough to triage.
              if (params.stopAfterCrashes > 0 && (c.crashes ?? 0) >= wanted) enough.abort();
            },
            stop: enough.signal,
          },
          ctx,
        );
        campaign.endSession(outcome.counters);
        campaign.crashes += outcome.crashInputs.length;
        let fresh = 0;
        for (const [index, file] of outcome.crashInputs.entries()) {
          if (index >= MAX_TRIAGE_PER_SESSION) await crashes.keepUntriaged(file);
          else if (await crashes.record(file, outcome.crashOutput)) fresh += 1;
        }
        if (outcome.ended === 'budget') break;
        // An engine that stops at once on a crash it has reported already would spin through the budget.
        unproductive = fresh === 0 && campaign.executions - before < 100 ? unproductive + 1 : 0;
        if (unproductive >= MAX_UNPRODUCTIVE_SESSIONS) {
          log.warn('fuzzing stops: the engine keeps stopping at a known crash', { session });
          break;
        }
      }
      clearInterval(ticker);
      ticker = undefined;

      await publish(
        'Merging and storing the corpus',
        campaign.snapshot(signatures.size, elapsed(), 'triage'),
      );
      const stored = await storeCorpus(engine, built, corpusDir, corpusKey, ctx, log, deps);
      campaign.setCorpusSize(stored);
      const final = campaign.snapshot(signatures.size, elapsed(), 'final');
      await publish(
        `Fuzzed ${final.executions} inputs, ${final.uniqueCrashes} distinct crashes, corpus ${stored}`,
        final,
      );

      log.info('campaign finished', { ...final, cache: deps.cache.stats() });
      return await storeRunReport(deps.s3, deps.bucket, {
        key: storageKeys.report(input.runId),
        findings,
        tools: [engine.engine],
        automationId: `fuzzforge/${input.workflow}/${input.runId}`,
      });
    } catch (err) {
      // Rethrowing the activity's own cancellation tells Temporal the cancel was honoured.
      if (err instanceof CampaignCancelled) throw actx.cancellationSignal.reason ?? err;
      throw err;
    } finally {
      clearInterval(ticker);
      clearInterval(heartbeat);
      await rm(scratch, { recursive: true, force: true });
      await workspace.release();
    }
  };
}

/**
 * Merges this run's corpus with what is stored now (another run may have stored since this one was
 * seeded), with the engine's coverage-preserving merge where it has one, and stores the result.
 */
async function storeCorpus(
  engine: FuzzEngineAdapter,
  built: BuiltHarness,
  corpusDir: string,
  key: string,
  ctx: EngineContext,
  log: Logger,
  deps: FuzzActivityDeps,
): Promise<number> {
  const latest = path.join(ctx.scratch, 'corpus-latest');
  await downloadCorpus(deps.s3, deps.bucket, key, latest);
  let result = corpusDir;
  if (engine.mergeCorpus) {
    const merged = path.join(ctx.scratch, 'corpus-merged');
    await mkdir(merged, { recursive: true });
    try {
      await engine.mergeCorpus(built, [corpusDir, latest], merged, ctx);
      if ((await corpusFiles(merged)).length > 0) result = merged;
    } catch (err) {
      if (err instanceof CampaignCancelled) throw err;
      log.warn('corpus merge failed; storing the union', { error: String(err) });
    }
  }
  if (result === corpusDir) await unionCorpus(corpusDir, [latest]);
  return uploadCorpus(deps.s3, deps.bucket, key, result);
}
