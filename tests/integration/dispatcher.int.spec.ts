import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { dispatchRun } from '@fuzzforge/dispatcher';
import { runRequested } from '../support/events';

const env = inject('serviceEnv');
let connection: Connection;
let client: Client;

// A vertical no worker polls, so the execution stays open while we dispatch again.
const catalog: WorkflowCatalogEntry[] = [
  {
    name: 'idle',
    vertical: 'nobody-polls',
    workflowType: 'idle',
    title: 'idle',
    description: 'test',
    version: '1',
    tools: [],
    cacheMode: 'isolated',
    parameters: {},
    timeoutSeconds: 600,
    resources: { memoryMb: 1024, network: 'none' },
  },
];

const request = (runId: string) => runRequested(runId, { workflow: 'idle', vertical: 'nobody-polls' });

beforeAll(async () => {
  connection = await Connection.connect({ address: env['TEMPORAL_ADDRESS']! });
  client = new Client({ connection });
});
afterAll(async () => {
  await connection.close();
});

describe('dispatcher', () => {
  it('collapses redelivered requests onto one workflow execution', async () => {
    const runId = ulid();
    expect(await dispatchRun(client, catalog, request(runId))).toBe('started');
    const handle = client.workflow.getHandle(runId);
    const first = await handle.describe();
    expect(await dispatchRun(client, catalog, request(runId))).toBe('started');
    expect((await handle.describe()).runId).toBe(first.runId);
    expect(first.taskQueue).toBe('ff-nobody-polls');

    // After the execution closed, a late redelivery must not start a second one.
    await handle.terminate('test over');
    expect(await dispatchRun(client, catalog, request(runId))).toBe('already-started');
    const executions: string[] = [];
    for await (const e of client.workflow.list({ query: `WorkflowId = '${runId}'` }))
      executions.push(e.runId);
    expect(executions).toEqual([first.runId]);
  });
});
