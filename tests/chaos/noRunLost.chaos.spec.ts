import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { stackServerNames, type CrashReport, type RunningPlatform } from '@fuzzforge/local-stack/platform';
import { connectClients, type Clients } from '../support/clients';
import { chaosDataDir, startChaosPlatform } from './chaosPlatform';
import { crashInTurn, crashSteps } from './crashInTurn';
import { deadLettersAfter, lastDeadLetterSeq } from './deadLetters';
import { injectPoison } from './poisonMessages';
import { noReplays, quiescent, replayLast } from './replays';
import { retryingApi, type RetryingApi } from './retryingApi';
import { auditRun, findingKey, globalDuplicates, type RunVerdict } from './runAudit';
import { lastSeq, runIdOf, storedEventsByRun } from './storedEvents';
import { targetVariant, variantNames } from './targetVariants';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { webhookAudit } from './webhookAudit';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = path.join(repoRoot, 'tests', 'fixtures', 'leaky-app');
const logDir = path.join(chaosDataDir(repoRoot), 'logs');
mkdirSync(logDir, { recursive: true });
// The supervisors log every crash and restart loudly: into a file, so the suite prints one summary.
const platformLog = createWriteStream(path.join(logDir, 'chaos-platform.log'), { flags: 'a' });
const log = createLogger('chaos', { level: 'info', write: (line) => platformLog.write(line + '\n') });

/** Runs asked for at once when the chaos starts; more follow around every kill. */
const burst = 50;
const terminal = ['completed', 'failed', 'cancelled'];

const consumers = [
  { stream: 'FF_TARGETS', durable: 'projector-targets' },
  { stream: 'FF_RUNS', durable: 'dispatcher' },
  { stream: 'FF_RUNS', durable: 'projector-runs' },
  { stream: 'FF_RUN_EVENTS', durable: 'projector-run-events' },
  { stream: 'FF_RUN_EVENTS', durable: 'webhooks-run-events' },
];

async function completedRun(api: RetryingApi, runId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await api.run(runId);
    if (run.status === 'completed') return;
    if (terminal.includes(run.status))
      throw new Error(`reference run ${runId} ${run.status}: ${JSON.stringify(run.error)}`);
    if (Date.now() > deadline)
      throw new Error(`reference run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** What an undisturbed run of `target` finds, as finding keys. */
async function referenceFindings(api: RetryingApi, target: string): Promise<string[]> {
  const runId = await api.submitRun(target);
  if (!runId) throw new Error(`the API did not accept a reference run of ${target}`);
  await completedRun(api, runId, 120_000);
  return (await api.findings(runId)).findings.map(findingKey);
}

describe('chaos: kill -9 every process while runs flow', () => {
  let platform: RunningPlatform | undefined;
  let clients: Clients | undefined;
  let temporalConnection: Connection | undefined;
  let receiver: WebhookReceiver | undefined;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    platform = await startChaosPlatform(repoRoot, log);
    clients = await connectClients(platform.serviceEnv);
    temporalConnection = await Connection.connect({ address: platform.endpoints.temporalAddress });
  }, 240_000);

  afterAll(async () => {
    await clients?.close().catch(() => undefined);
    await temporalConnection?.close().catch(() => undefined);
    await platform?.stop();
    await receiver?.close();
    platformLog.end();
  }, 120_000);

  it('loses no run, doubles no finding, and parks every poison message in FF_DLQ', async () => {
    const started = Date.now();
    const p = platform!;
    const c = clients!;
    const api = retryingApi(p.apiUrl, p.adminKey);
    const temporal = new TemporalClient({ connection: temporalConnection!, namespace: 'default' });

    // One target per variant, with the findings of an undisturbed run of it.
    const targets: string[] = [];
    const reference = new Map<string, string[]>();
    for (const [i, name] of variantNames.entries()) {
      const target = await api.uploadTarget(await targetVariant(fixture, i), `leaky-app-${name}.tar.gz`);
      targets.push(target);
      reference.set(target, await referenceFindings(api, target));
    }
    expect(new Set([...reference.values()].map((keys) => keys.sort().join('\n'))).size).toBe(targets.length);

    // Every run's end, delivered to an HTTP endpoint while the webhooks service dies with the rest.
    await api.createWebhook({
      url: receiver!.url,
      eventTypes: ['ff.run.completed', 'ff.run.failed', 'ff.run.cancelled'],
    });

    const dlqBefore = await lastDeadLetterSeq(c.jsm);
    const runsBefore = await lastSeq(c.jsm, 'FF_RUNS');
    const eventsBefore = await lastSeq(c.jsm, 'FF_RUN_EVENTS');
    const accepted: { runId: string; target: string }[] = [];
    let notAccepted = 0;
    const submitErrors: string[] = [];
    const inFlight: Promise<void>[] = [];
    const submit = (target: string): void => {
      const submitting = api.submitRun(target).then(
        (runId) => void (runId ? accepted.push({ runId, target }) : (notAccepted += 1)),
        (err: unknown) => void submitErrors.push(err instanceof Error ? err.message : String(err)),
      );
      inFlight.push(submitting);
    };

    // A burst of runs; then, before every kill, a target never seen before (uploaded through the API,
    // so the worker must fetch it from S3) and a few runs, and a few more while the process is down.
    for (let n = 0; n < burst; n++) submit(targets[n % targets.length]!);
    const lateTargets: string[] = [];
    const crashes: CrashReport[] = [];
    const steps = crashSteps(p.processes.names, stackServerNames);
    const chaos = (async () => {
      await sleep(2_000);
      return crashInTurn(p.processes, {
        steps,
        pauseMs: 2_000,
        beforeCrash: async () => {
          const k = lateTargets.length;
          const late = await api.uploadTarget(
            await targetVariant(fixture, k, `late-${started}-${k}`),
            `leaky-app-late-${k}.tar.gz`,
          );
          lateTargets.push(late);
          submit(late);
          submit(late);
          submit(targets[k % targets.length]!);
          setTimeout(() => [0, 1].forEach((i) => submit(targets[(k + i) % targets.length]!)), 1_500);
          await sleep(300 + Math.random() * 1_200);
        },
        onCrash: (r) => {
          crashes.push(r);
          log.warn('chaos: crashed', { ...r });
        },
      });
    })();
    // Poison, and a few accepted run requests stored a second time (a producer retrying past the
    // dedup window): the dispatcher must collapse each onto its one workflow, the projector skip it.
    const replays = noReplays();
    const poison = (async () => {
      await sleep(10_000);
      for (const { runId } of accepted.slice(0, 5)) {
        if (await replayLast(c.js, c.jsm, 'FF_RUNS', `ff.runs.requested.${runId}`))
          replays.requests.add(runId);
      }
      return injectPoison(c.js, c.jsm, platform!.serviceEnv['NATS_URL']!);
    })();
    const [, injected] = await Promise.all([chaos, poison]);
    await sleep(2_000); // the submissions scheduled during the last downtime
    await Promise.all(inFlight);
    const chaosOverMs = Date.now() - started;

    // Bounded drain: every accepted run must reach a terminal state.
    const ids = accepted.map((a) => a.runId);
    const drainDeadline = started + 420_000;
    let latencies: number[];
    for (;;) {
      const rows = await c.db
        .selectFrom('runs')
        .select(['id', 'status', 'requested_at', 'finished_at'])
        .where('id', 'in', ids)
        .execute()
        .catch(() => []);
      const done = rows.filter((r) => terminal.includes(r.status));
      latencies = done.map((r) => r.finished_at!.getTime() - r.requested_at!.getTime()).sort((a, b) => a - b);
      if (done.length === ids.length || Date.now() > drainDeadline) break;
      await sleep(1_000);
    }
    const drainedMs = Date.now() - started;

    // Now undisturbed: what the targets first seen during the chaos give.
    for (const target of lateTargets) reference.set(target, await referenceFindings(api, target));
    // A finding event of a few finished runs stored once more: it must not count twice.
    for (const { runId } of accepted.slice(5, 10)) {
      const id = await replayLast(c.js, c.jsm, 'FF_RUN_EVENTS', `ff.run.${runId}.finding`);
      if (id) replays.findings.set(runId, id);
    }
    const stillBusy = await quiescent(c.jsm, consumers, 60_000);
    const webhooks = await webhookAudit(receiver!, ids, 60_000);

    // Audit every accepted run, the projector's ledger, and FF_DLQ.
    const stored = {
      requests: await storedEventsByRun(c.js, c.jsm, 'FF_RUNS', runsBefore),
      events: await storedEventsByRun(c.js, c.jsm, 'FF_RUN_EVENTS', eventsBefore),
    };
    const deps = { api, db: c.db, temporal, stored, replays };
    const verdicts: RunVerdict[] = [];
    for (const a of accepted) verdicts.push(await auditRun(deps, a.runId, reference.get(a.target)!));
    const duplicatesAnywhere = await globalDuplicates(c.db);
    const letters = await deadLettersAfter(c.jsm, dlqBefore);
    const poisonSubjects = new Set(injected.poisons.map((q) => q.subject));
    const poisonLetters = letters.filter((l) => poisonSubjects.has(l.originalSubject));
    const missingLetters = injected.poisons.flatMap((q) =>
      q.consumers
        .filter(
          (consumer) => !letters.some((l) => l.originalSubject === q.subject && l.consumer === consumer),
        )
        .map((consumer) => `${q.kind} on ${q.subject} not dead-lettered by ${consumer}`),
    );
    const acceptedIds = new Set(ids);
    const lostToDlq = letters.filter((l) => acceptedIds.has(runIdOf(l.originalSubject) ?? ''));

    const lost = verdicts.filter((v) => v.lost.length > 0);
    const duplicated = verdicts.filter((v) => v.duplicated.length > 0);
    const wrong = verdicts.filter((v) => v.wrong.length > 0);
    const completed = verdicts.filter((v) => v.lost.length === 0 && v.wrong.length === 0).length;
    console.log(
      `chaos: accepted=${accepted.length} completed=${completed} lost=${lost.length + lostToDlq.length} ` +
        `duplicated=${duplicated.length + duplicatesAnywhere.length} dlq=${poisonLetters.length} ` +
        `webhooks: delivered=${webhooks.delivered} lost=${webhooks.lost.length} resent=${webhooks.resent}`,
    );
    log.warn('chaos: report', {
      wallMs: Date.now() - started,
      chaosOverMs,
      drainedMs,
      runLatencyMs: { median: latencies[latencies.length >> 1], max: latencies.at(-1) },
      notAccepted,
      submitErrors,
      clientRetries: Object.fromEntries(api.retries),
      lateTargets: lateTargets.length,
      replays: { requests: [...replays.requests], findings: [...replays.findings.values()] },
      stillBusy,
      crashes,
      lost,
      duplicated,
      wrong,
      duplicatesAnywhere,
      missingLetters,
      lostToDlq,
      oversized: injected.oversized,
      webhooks,
    });

    expect(submitErrors, 'run requests the API refused').toEqual([]);
    expect(accepted.length).toBeGreaterThanOrEqual(burst);
    expect(crashes.map((r) => r.name)).toEqual(steps.flat());
    expect(stillBusy, 'consumers that never caught up').toEqual([]);
    expect(replays.requests.size + replays.findings.size).toBe(10);
    expect(lost, 'runs lost').toEqual([]);
    expect(lostToDlq, 'valid work dead-lettered').toEqual([]);
    expect(duplicated, 'runs with something doubled').toEqual([]);
    expect(duplicatesAnywhere, 'duplicates in the read models').toEqual([]);
    expect(wrong, 'runs whose outcome differs from the reference run').toEqual([]);
    expect(missingLetters, 'poison messages not in FF_DLQ').toEqual([]);
    expect(webhooks.lost, 'runs whose end never reached the webhook').toEqual([]);
    expect(webhooks.unsigned, 'webhook requests without a valid signature').toBe(0);
    for (const o of injected.oversized) {
      expect(o.clientError, `client-side refusal on ${o.subject}`).toMatch(/max_payload/);
      expect(o.serverError, `server-side refusal on ${o.subject}`).toMatch(/Maximum Payload Violation/);
    }
  }, 540_000);
});
