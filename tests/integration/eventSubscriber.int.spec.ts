import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FuzzForgeEvent, runRequestedSubject, streams, type RunEvent } from '@fuzzforge/contracts';
import { connect } from '@nats-io/transport-node';
import { connectNats, natsConnectOptions } from '@fuzzforge/platform';
import { useClients } from '../support/clients';
import { eventually } from '../support/http';
import { requestRun, uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');
const env = inject('serviceEnv');
const clients = useClients(env);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const project = `subscriber-${ulid().toLowerCase()}`;

let reader: NatsConnection | undefined;
let example: ChildProcess | undefined;
let exampleOutput = '';
let runId = '';

beforeAll(async () => {
  reader = await connectNats(env['NATS_SUBSCRIBER_URL']!, 'read-only-test');
  // The example subscriber from contracts/examples, as a user would start it, before the run exists.
  example = spawn(
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    ['contracts/examples/followProject.ts', project],
    { cwd: repoRoot, env: { ...process.env, NATS_URL: env['NATS_SUBSCRIBER_URL'] }, stdio: 'pipe' },
  );
  example.stdout!.on('data', (chunk: Buffer) => (exampleOutput += chunk.toString('utf8')));
  let started = '';
  example.stderr!.on('data', (chunk: Buffer) => (started += chunk.toString('utf8')));
  await eventually(
    () => Promise.resolve(started.includes('following project') || undefined),
    30_000,
    'the example',
  );
  const target = await uploadFixture(api, 'leaky-app');
  runId = await requestRun(api, target.id, 'secret-scan', {}, project);
});

afterAll(async () => {
  example?.kill('SIGTERM');
  await reader?.close();
});

describe('the read-only NATS user', () => {
  it("follows a run's events through an ordered consumer, in order", async () => {
    const js = jetstream(reader!);
    const requested = await (
      await jetstreamManager(reader!)
    ).direct.getMessage(streams.runs.name, { last_by_subj: runRequestedSubject(runId) });
    expect(requested?.json()).toMatchObject({ type: 'ff.run.requested', data: { runId, project } });

    const consumer = await js.consumers.get(streams.runEvents.name, {
      filter_subjects: `ff.run.${runId}.>`,
      deliver_policy: DeliverPolicy.All,
    });
    const seen: RunEvent['type'][] = [];
    const messages = await consumer.consume();
    const timer = setTimeout(() => messages.stop(), 240_000);
    for await (const msg of messages) {
      const event = FuzzForgeEvent.parse(msg.json());
      seen.push(event.type as RunEvent['type']);
      if (event.type === 'ff.run.completed' || event.type === 'ff.run.failed') break;
    }
    clearTimeout(timer);
    expect(seen[0]).toBe('ff.run.started');
    expect(seen.at(-1)).toBe('ff.run.completed');
    expect(seen).toContain('ff.run.finding');
  });

  it('may not publish events, nor create, delete or purge streams', async () => {
    const js = jetstream(reader!);
    const jsm = await jetstreamManager(reader!);
    const subject = `ff.runs.requested.x${ulid()}`;
    const refused = /Permissions Violation for Publish/;
    await expect(js.publish(subject, JSON.stringify({}))).rejects.toThrow(refused);
    await expect(jsm.streams.delete(streams.runs.name)).rejects.toThrow(refused);
    await expect(jsm.streams.purge(streams.runs.name)).rejects.toThrow(refused);
    await expect(jsm.streams.add({ name: `X${ulid()}`, subjects: ['x.>'] })).rejects.toThrow(refused);
    // Creating a consumer under a platform durable's name would update it: refused as well.
    await expect(
      jsm.consumers.add(streams.runs.name, { name: 'dispatcher', filter_subject: 'ff.runs.nothing' }),
    ).rejects.toThrow(refused);
    // The legacy create, which names the consumer in its body only, is not for readers at all.
    const legacy = { stream_name: streams.runs.name, config: { name: 'dispatcher', ack_policy: 'explicit' } };
    await expect(
      reader!.request(`$JS.API.CONSUMER.CREATE.${streams.runs.name}`, JSON.stringify(legacy)),
    ).rejects.toThrow(refused);
    // A plain publish is refused by the server too, and nothing reached the stream.
    reader!.publish(subject, '{}');
    await reader!.flush();
    const stored = await clients()
      .jsm.streams.getMessage(streams.runs.name, { last_by_subj: subject })
      .catch(() => null);
    expect(stored).toBeNull();
    expect((await clients().jsm.streams.info(streams.runs.name)).config.name).toBe(streams.runs.name);
  });

  it('runs the example subscriber, which prints the project run as it happens', async () => {
    await eventually(
      () => Promise.resolve(exampleOutput.includes(`ff.run.completed.v1 run ${runId}`) || undefined),
      240_000,
      'the example to print the completed run',
    );
    const lines = exampleOutput.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`ff\\.run\\.requested\\.v1 run ${runId} secret-scan`));
    expect(lines.some((l) => l.includes(`ff.run.finding.v1 run ${runId}`))).toBe(true);
    // Only this project's events: every line names this run or its target.
    expect(lines.every((l) => l.includes(runId) || l.includes('ff.target.uploaded'))).toBe(true);
  });
});

describe('NATS authorization', () => {
  it('turns away a client without credentials', async () => {
    const { servers } = natsConnectOptions(env['NATS_URL']!);
    await expect(connect({ servers, reconnect: false })).rejects.toThrow(/Authorization Violation/);
  });
});
