import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type { RunCancelRequestedV1, TargetResponse, WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { cancelRun, handleRunCommand } from '@fuzzforge/dispatcher';
import { createLogger } from '@fuzzforge/observability';
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

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const runStatus = async (runId: string) =>
  (await clientsOf().db.selectFrom('runs').select('status').where('id', '=', runId).executeTakeFirst())
    ?.status;

interface SleepyRun {
  runId: string;
  /** The sleeping tool's pid, once it started. */
  toolPid: () => Promise<number>;
  client: Client;
  deps: Parameters<typeof cancelRun>[0];
}

/**
 * Starts a worker whose scan's only tool is a real process that records its pid and sleeps for ten
 * minutes, dispatches one run of it through the real dispatcher code with the given catalog timeout,
 * and hands it to `body` while the worker runs.
 */
async function withSleepyRun(
  timeoutSeconds: number,
  body: (run: SleepyRun) => Promise<void>,
): Promise<string> {
  const clients = clientsOf();
  const vertical = `sleepy-${ulid().toLowerCase()}`;
  const catalog: WorkflowCatalogEntry[] = [
    {
      name: 'sleepy',
      vertical,
      workflowType: 'sleepyScan',
      title: 'sleepy',
      description: 'a scan whose only tool sleeps',
      version: '1',
      tools: ['sleep'],
      cacheMode: 'isolated',
      parameters: {},
      timeoutSeconds,
      resources: { memoryMb: 256, network: 'none' },
    },
  ];
  const target = await json<TargetResponse>(
    await fetch(`${api}/v1/targets`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: `sleepy ${ulid()}`,
    }),
  );
  const scratch = await mkdtemp(path.join(tmpdir(), 'ff-cancel-'));
  const pidFile = path.join(scratch, 'tool.pid');
  const emitter = createRunEventEmitter({
    js: clients.js,
    source: 'test',
    worker: 'test',
    now: () => new Date(),
  });
  const activities = {
    ...createRunReportActivities(emitter),
    scanTarget: createScanActivity({
      emitter,
      cache: createTargetCache({
        dir: path.join(scratch, 'cache'),
        maxBytes: 1024 ** 3,
        download: s3TargetDownloader(clients.s3, clients.bucket),
        extractLimits: { maxEntries: 100, maxBytes: 1024 ** 2 },
      }),
      s3: clients.s3,
      bucket: clients.bucket,
      log: createLogger('test', { level: 'error' }),
      tools: [
        {
          name: 'sleep',
          version: '1',
          invocation: () => ({
            command: '/bin/sh',
            args: ['-c', `echo $$ > ${pidFile}; exec sleep 600`],
            okExitCodes: [0],
          }),
          parse: () => [],
        },
      ],
      parseParameters: () => ({ timeoutSeconds: 600 }),
    }),
  };
  const connection = await NativeConnection.connect({ address: env['TEMPORAL_ADDRESS']! });
  const worker = await Worker.create({
    connection,
    taskQueue: `ff-${vertical}`,
    workflowsPath: path.join(here, '..', 'support', 'workflows', 'sleepyWorkflows.ts'),
    activities,
    defaultHeartbeatThrottleInterval: '1 second',
    maxHeartbeatThrottleInterval: '2 seconds',
  });
  const clientConnection = await Connection.connect({ address: env['TEMPORAL_ADDRESS']! });
  const client = new Client({ connection: clientConnection });
  const deps = { client, js: clients.js, jsm: clients.jsm, now: () => new Date() };
  const runId = ulid();
  try {
    await worker.runUntil(async () => {
      const request = runRequested(runId, {
        workflow: 'sleepy',
        vertical,
        targetId: target.id,
        targetSha256: target.sha256,
      });
      expect(await handleRunCommand(deps, catalog, request)).toBe('started');
      const toolPid = () =>
        eventually(
          async () => Number((await readFile(pidFile, 'utf8').catch(() => '')).trim()) || undefined,
          60_000,
          'the tool to start',
        );
      await body({ runId, toolPid, client, deps });
    });
    return runId;
  } finally {
    await clientConnection.close();
    await connection.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

const closedWorkflow = (client: Client, runId: string) =>
  eventually(
    async () => {
      const d = await client.workflow.getHandle(runId).describe();
      return d.status.name === 'RUNNING' ? undefined : d;
    },
    30_000,
    'the workflow to close',
  );

describe('cancel', () => {
  it('kills the running tool within seconds and ends the run cancelled', async () => {
    const runId = await withSleepyRun(600, async ({ runId, toolPid, client, deps }) => {
      const pid = await toolPid();
      expect(isAlive(pid)).toBe(true);
      expect(await cancelRun(deps, cancelRequest(runId))).toBe('cancel-sent');
      await eventually(
        () => Promise.resolve(isAlive(pid) ? undefined : true),
        15_000,
        'the tool to be killed',
      );
      expect((await closedWorkflow(client, runId)).status.name).toBe('CANCELLED');
    });
    await eventually(
      async () => ((await runStatus(runId)) === 'cancelled' ? true : undefined),
      30_000,
      'the run to be projected cancelled',
    );
  });

  it('ends a run that outlives its catalog timeout failed with reason timeout, its tool killed', async () => {
    const runId = await withSleepyRun(4, async ({ runId, toolPid, client }) => {
      const pid = await toolPid();
      await eventually(
        () => Promise.resolve(isAlive(pid) ? undefined : true),
        30_000,
        'the tool to be killed at the timeout',
      );
      expect((await closedWorkflow(client, runId)).status.name).toBe('FAILED');
    });
    const run = await eventually(
      async () => {
        const r = await clientsOf()
          .db.selectFrom('runs')
          .select(['status', 'error'])
          .where('id', '=', runId)
          .executeTakeFirst();
        return r?.status === 'failed' ? r : undefined;
      },
      30_000,
      'the run to be projected failed',
    );
    expect(run.error?.code).toBe('timeout');
    expect(run.error?.message).toContain('4 s timeout');
  });

  it('cancels a run that has not started: it ends cancelled and its workflow never starts', async () => {
    const clients = clientsOf();
    const clientConnection = await Connection.connect({ address: env['TEMPORAL_ADDRESS']! });
    const client = new Client({ connection: clientConnection });
    const deps = { client, js: clients.js, jsm: clients.jsm, now: () => new Date() };
    const runId = ulid();
    try {
      const cancel = cancelRequest(runId);
      await clients.js.publish(cancel.subject, new TextEncoder().encode(JSON.stringify(cancel)), {
        msgID: cancel.id,
      });
      expect(await cancelRun(deps, cancel)).toBe('cancelled-before-start');
      const request = runRequested(runId);
      expect(await handleRunCommand(deps, [], request)).toBe('cancelled-before-start');
      await expect(client.workflow.getHandle(runId).describe()).rejects.toThrow();
      await eventually(
        async () => ((await runStatus(runId)) === 'cancelled' ? true : undefined),
        30_000,
        'the run to be projected cancelled',
      );
    } finally {
      await clientConnection.close();
    }
  });
});
