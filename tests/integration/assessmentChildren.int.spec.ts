import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type {
  RunCancelRequestedV1,
  RunWorkflowInput,
  TargetResponse,
  WorkflowCatalogEntry,
} from '@fuzzforge/contracts';
import { cancelRun, handleRunCommand } from '@fuzzforge/dispatcher';
import { createLogger } from '@fuzzforge/observability';
import type { ChildRun } from '@fuzzforge/worker-assessment';
import {
  createRunEventEmitter,
  createRunReportActivities,
  createScanActivity,
  createTargetCache,
  s3TargetDownloader,
} from '@fuzzforge/worker-runtime';
import { useClients } from '../support/clients';
import { runRequested } from '../support/events';
import { eventually, json } from '../support/http';

const env = inject('serviceEnv');
const api = inject('apiUrl');
const clientsOf = useClients(env);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const cancelRequest = (runId: string): RunCancelRequestedV1 => ({
  specversion: '1.0',
  id: `${runId}.cancel-requested`,
  type: 'ff.run.cancel-requested',
  source: 'test',
  time: new Date().toISOString(),
  subject: `ff.runs.cancel-requested.${runId}`,
  datacontenttype: 'application/json',
  version: 'v1',
  data: { runId, reason: 'test', requestedAt: new Date().toISOString() },
});

/**
 * The production security-assessment workflow, with children whose only tool sleeps (and records its
 * pid) or whose parameters are refused. Its detectLanguages activity is replaced by one that returns
 * the plan a test chose: the orchestration is under test here, detection has its own unit tests and
 * the real thing runs end to end in securityAssessment.e2e.spec.ts.
 */
describe('security-assessment children', () => {
  const suffix = ulid().toLowerCase();
  const parentQueue = `assess-${suffix}`;
  const childQueue = `ff-assess-child-${suffix}`;
  const plans = new Map<string, ChildRun[]>();
  const log = createLogger('test', { level: 'error' });
  let scratch: string;
  let target: TargetResponse;
  let connection: NativeConnection;
  let clientConnection: Connection;
  let client: Client;
  let parentWorker: Worker;
  let childWorker: Worker;
  let workersDone: Promise<unknown>;

  const pidFile = (runId: string, scope: string) => path.join(scratch, `${runId}.${scope}.pid`);
  const catalog = (): WorkflowCatalogEntry[] => [
    {
      name: 'assessment-under-test',
      vertical: parentQueue,
      workflowType: 'securityAssessment',
      title: 'assessment',
      description: 'the production assessment workflow with test children',
      version: '1',
      tools: ['sleep'],
      cacheMode: 'isolated',
      parameters: {},
      timeoutSeconds: 600,
      resources: { memoryMb: 256, network: 'none' },
    },
  ];
  // Test scopes are not real verticals: the workflow routes on the plan's data, never on the name.
  const child = (vertical: string, parameters: Record<string, unknown> = {}): ChildRun =>
    ({
      vertical,
      workflow: `${vertical}-scan`,
      workflowType: 'sleepyScan',
      taskQueue: childQueue,
      cacheMode: 'isolated',
      parameters,
      resources: { memoryMb: 256, network: 'none' },
      timeoutSeconds: 600,
    }) as unknown as ChildRun;

  beforeAll(async () => {
    const clients = clientsOf();
    scratch = await mkdtemp(path.join(tmpdir(), 'ff-assess-'));
    target = await json<TargetResponse>(
      await fetch(`${api}/v1/targets`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: `assessment ${ulid()}`,
      }),
    );
    const emitter = createRunEventEmitter({
      js: clients.js,
      source: 'test',
      worker: 'test',
      now: () => new Date(),
    });
    const cache = createTargetCache({
      dir: path.join(scratch, 'cache'),
      maxBytes: 1024 ** 3,
      download: s3TargetDownloader(clients.s3, clients.bucket),
      extractLimits: { maxEntries: 100, maxBytes: 1024 ** 2 },
    });
    connection = await NativeConnection.connect({ address: env['TEMPORAL_ADDRESS']! });
    parentWorker = await Worker.create({
      connection,
      taskQueue: `ff-${parentQueue}`,
      workflowsPath: path.join(repoRoot, 'workers', 'assessment', 'src', 'workflows.ts'),
      activities: {
        ...createRunReportActivities(emitter),
        detectLanguages: (input: RunWorkflowInput) => Promise.resolve(plans.get(input.runId) ?? []),
        mergeReports: () => Promise.reject(new Error('no test here gets as far as the merge')),
      },
    });
    childWorker = await Worker.create({
      connection,
      taskQueue: childQueue,
      workflowsPath: path.join(here, '..', 'support', 'workflows', 'sleepyWorkflows.ts'),
      defaultHeartbeatThrottleInterval: '1 second',
      maxHeartbeatThrottleInterval: '2 seconds',
      activities: {
        ...createRunReportActivities(emitter),
        // Both children of a run share this worker and its cache: their scopes keep them apart.
        scanTarget: (input: RunWorkflowInput) =>
          createScanActivity({
            emitter,
            cache,
            s3: clients.s3,
            bucket: clients.bucket,
            log,
            tools: [
              {
                name: 'sleep',
                version: '1',
                invocation: () => ({
                  command: '/bin/sh',
                  args: [
                    '-c',
                    `echo $$ > ${pidFile(input.runId, input.child?.scope ?? 'none')}; exec sleep 600`,
                  ],
                  okExitCodes: [0],
                }),
                parse: () => [],
              },
            ],
            parseParameters: (raw) => {
              if (raw['refuse']) throw new Error('refused by the test');
              return { timeoutSeconds: 600 };
            },
          })(input),
      },
    });
    workersDone = Promise.all([parentWorker.run(), childWorker.run()]);
    clientConnection = await Connection.connect({ address: env['TEMPORAL_ADDRESS']! });
    client = new Client({ connection: clientConnection });
  });

  afterAll(async () => {
    parentWorker?.shutdown();
    childWorker?.shutdown();
    await workersDone;
    await clientConnection?.close();
    await connection?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  const start = async (runId: string, plan: ChildRun[]) => {
    plans.set(runId, plan);
    const clients = clientsOf();
    const deps = { client, js: clients.js, jsm: clients.jsm, now: () => new Date() };
    const request = runRequested(runId, {
      workflow: 'assessment-under-test',
      vertical: parentQueue,
      targetId: target.id,
      targetSha256: target.sha256,
    });
    expect(await handleRunCommand(deps, catalog(), request)).toBe('started');
    return deps;
  };
  const toolPid = (runId: string, scope: string) =>
    eventually(
      async () => Number((await readFile(pidFile(runId, scope), 'utf8').catch(() => '')).trim()) || undefined,
      60_000,
      `the ${scope} tool to start`,
    );
  const closed = (workflowId: string) =>
    eventually(
      async () => {
        const d = await client.workflow.getHandle(workflowId).describe();
        return d.status.name === 'RUNNING' ? undefined : d.status.name;
      },
      30_000,
      `${workflowId} to close`,
    );
  const eventsOf = async (runId: string) =>
    (
      await clientsOf()
        .db.selectFrom('run_events')
        .select(['event_id', 'type'])
        .where('run_id', '=', runId)
        .execute()
    ).map((e) => e.event_id);
  const runRow = (runId: string, status: string) =>
    eventually(
      async () => {
        const row = await clientsOf()
          .db.selectFrom('runs')
          .selectAll()
          .where('id', '=', runId)
          .executeTakeFirst();
        return row?.status === status ? row : undefined;
      },
      30_000,
      `run ${runId} to be projected ${status}`,
    );

  it('cancels every child, and so kills their tools, when the assessment is cancelled', async () => {
    const runId = ulid();
    const deps = await start(runId, [child('alpha'), child('beta')]);
    const pids = [await toolPid(runId, 'alpha'), await toolPid(runId, 'beta')];
    expect(await cancelRun(deps, cancelRequest(runId))).toBe('cancel-sent');
    await eventually(
      () => Promise.resolve(pids.some(isAlive) ? undefined : true),
      15_000,
      'both tools to be killed',
    );
    expect(await closed(`${runId}:alpha`)).toBe('CANCELLED');
    expect(await closed(`${runId}:beta`)).toBe('CANCELLED');
    expect(await closed(runId)).toBe('CANCELLED');
    await runRow(runId, 'cancelled');

    // One run, one lifecycle: the parent's events only, the children's progress in their own scopes.
    const ids = await eventsOf(runId);
    expect(ids.filter((id) => !id.includes('.progress.')).sort()).toEqual([
      `${runId}.cancelled`,
      `${runId}.started`,
    ]);
    expect(ids).toEqual(expect.arrayContaining([`${runId}.progress.alpha.1`, `${runId}.progress.beta.1`]));
  });

  it('fails the assessment when one child fails, naming it, and cancels the others first', async () => {
    const runId = ulid();
    await start(runId, [child('alpha'), child('broken', { refuse: true })]);
    const pid = await toolPid(runId, 'alpha');
    expect(await closed(`${runId}:broken`)).toBe('FAILED');
    expect(await closed(`${runId}:alpha`)).toBe('CANCELLED');
    expect(isAlive(pid)).toBe(false);
    expect(await closed(runId)).toBe('FAILED');
    const row = await runRow(runId, 'failed');
    expect(row.error).toMatchObject({ code: 'InvalidParameters' });
    expect((row.error as { message: string }).message).toMatch(/^broken-scan: invalid parameters/);
    const ids = await eventsOf(runId);
    expect(ids.filter((id) => !id.includes('.progress.')).sort()).toEqual([
      `${runId}.failed`,
      `${runId}.started`,
    ]);
  });
});
