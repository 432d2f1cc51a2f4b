import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { connectNats } from '@fuzzforge/platform';
import { assertPortsFree } from './portCheck';
import { startStack, type RunningStack } from './stack';
import { portBindings, stackConfigFromEnv, type StackConfig, type StackPorts } from './stackConfig';
import { StackError } from './stackError';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const log = createLogger('stack-int', { level: 'warn' });

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Eleven consecutive free ports (and their SeaweedFS gRPC twins) away from the dev and test defaults. */
async function unusualFreePorts(): Promise<StackPorts> {
  for (;;) {
    const base = 21_000 + Math.floor(Math.random() * 1_000);
    const ports: StackPorts = {
      nats: base,
      natsMonitor: base + 1,
      temporal: base + 2,
      temporalHttp: base + 3,
      temporalMetrics: base + 4,
      postgres: base + 5,
      s3: base + 6,
      s3Master: base + 7,
      s3Volume: base + 8,
      s3Filer: base + 9,
      s3Admin: base + 10,
    };
    const free = await Promise.all(portBindings(ports).map(({ port }) => canListen(port)));
    if (free.every(Boolean)) return ports;
  }
}

let dataDir: string;
let config: StackConfig;
let stack: RunningStack | undefined;
const stream = `INT${Date.now()}`;
const bucket = 'int-survives-restart';
const workflowId = `int-${Date.now()}`;

function s3(secretAccessKey = config.s3.secretAccessKey): S3Client {
  const e = stack!.endpoints;
  return new S3Client({
    endpoint: e.s3Endpoint,
    region: e.s3Region,
    forcePathStyle: true,
    credentials: { accessKeyId: e.s3AccessKeyId, secretAccessKey },
  });
}

async function withNats<T>(use: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await connectNats(stack!.endpoints.natsUrl, 'stack-int-test');
  try {
    return await use(nc);
  } finally {
    await nc.close();
  }
}

async function withPg<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: stack!.endpoints.databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function withTemporal<T>(use: (client: TemporalClient) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: stack!.endpoints.temporalAddress });
  try {
    return await use(new TemporalClient({ connection, namespace: 'default' }));
  } finally {
    await connection.close();
  }
}

describe('local stack', () => {
  beforeAll(async () => {
    // Shares the repository's venv (no reinstall) but nothing else with a running dev or test stack.
    dataDir = await mkdtemp(path.join(tmpdir(), 'ff-stack-int-'));
    await chmod(dataDir, 0o755); // as root, Postgres runs as the postgres user and must reach its dir
    config = {
      ...stackConfigFromEnv(process.env, repoRoot, 'test'),
      dataDir,
      ports: await unusualFreePorts(),
    };
    stack = await startStack(config, log);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves JetStream, Temporal, SigV4-only S3 and Postgres, and stores something in each', async () => {
    await withNats(async (nc) => {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: stream, subjects: [`${stream}.>`], storage: StorageType.File });
      const ack = await jetstream(nc).publish(`${stream}.event`, 'kept');
      expect(ack.seq).toBe(1);
    });

    await withTemporal(async (client) => {
      const described = await client.workflowService.describeNamespace({ namespace: 'default' });
      expect(described.namespaceInfo?.name).toBe('default');
      // No worker polls this queue: the workflow simply stays open, which is what we check after restart.
      await client.workflow.start('neverExecuted', { taskQueue: 'int-no-worker', workflowId });
    });

    await s3().send(new CreateBucketCommand({ Bucket: bucket }));
    await s3().send(new PutObjectCommand({ Bucket: bucket, Key: 'object.txt', Body: 'kept' }));
    await expect(s3('not-the-secret').send(new ListBucketsCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    const anonymous = await fetch(`${stack!.endpoints.s3Endpoint}/${bucket}/object.txt`);
    expect(anonymous.status).toBe(403);

    await withPg(async (client) => {
      await client.query('create table kept (value text)');
      await client.query(`insert into kept values ('kept')`);
    });
  });

  it('refuses a second stack on the same data dir while one runs', async () => {
    const second = startStack(config, log);
    await expect(second).rejects.toBeInstanceOf(StackError);
    await expect(second).rejects.toMatchObject({
      code: 'already-running',
      hint: `stop the running stack (pid ${process.pid}) or use another FF_STACK_DIR`,
    });
  });

  it('frees every port on stop and still has the data after a restart', async () => {
    await stack!.stop();
    await expect(assertPortsFree(config.ports)).resolves.toBeUndefined();
    stack = await startStack(config, log);

    const stored = await withNats(async (nc) =>
      (await jetstreamManager(nc)).streams.getMessage(stream, { seq: 1 }),
    );
    expect(stored?.string()).toBe('kept');

    const status = await withTemporal(
      async (client) => (await client.workflow.getHandle(workflowId).describe()).status,
    );
    expect(status.name).toBe('RUNNING');

    const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: 'object.txt' }));
    expect(await object.Body?.transformToString()).toBe('kept');

    const rows = await withPg(
      async (client) => (await client.query<{ value: string }>('select value from kept')).rows,
    );
    expect(rows).toEqual([{ value: 'kept' }]);
  });
});
