import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { ulid } from 'ulid';
import { natsConnectOptions } from '@fuzzforge/platform';
import { runRequested } from '../support/events';

/** A message no consumer can ever process; each consumer named must park it in FF_DLQ. */
export interface Poison {
  kind: 'invalid-json' | 'wrong-version' | 'unknown-type';
  subject: string;
  consumers: string[];
}

/** A publish the bus must refuse outright: nothing stored, so nothing to lose or to dead-letter. */
export interface Oversized {
  subject: string;
  stream: string;
  bytes: number;
  /** What nats.js said when asked to publish it. */
  clientError: string;
  /** What nats-server said to a raw client that sent it anyway. */
  serverError: string;
}

const encode = (value: unknown): Uint8Array =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

const requestConsumers = ['dispatcher', 'projector-runs'];
const runEventConsumers = ['projector-run-events'];

function runStarted(runId: string): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    specversion: '1.0',
    id: `${runId}.started`,
    type: 'ff.run.started',
    source: 'chaos',
    time: now,
    subject: `ff.run.${runId}.started`,
    datacontenttype: 'application/json',
    version: 'v1',
    data: { runId, workflow: 'secret-scan', worker: 'chaos', startedAt: now },
  };
}

/** The poison set: each kind on a run-request subject and on a run-event subject. */
function poisonSet(): { poison: Poison; payload: Uint8Array }[] {
  const [r1, r2, r3, e1, e2, e3] = Array.from({ length: 6 }, () => ulid());
  const request = (runId: string, kind: Poison['kind'], payload: unknown) => ({
    poison: { kind, subject: `ff.runs.requested.${runId}`, consumers: requestConsumers },
    payload: encode(payload),
  });
  const event = (subject: string, kind: Poison['kind'], payload: unknown) => ({
    poison: { kind, subject, consumers: runEventConsumers },
    payload: encode(payload),
  });
  return [
    request(r1!, 'invalid-json', '{"specversion": "1.0", "id": '),
    request(r2!, 'wrong-version', { ...runRequested(r2!), version: 'v9' }),
    request(r3!, 'unknown-type', { ...runRequested(r3!), type: 'ff.run.teleported' }),
    event(`ff.run.${e1}.started`, 'invalid-json', 'not json at all'),
    event(`ff.run.${e2}.started`, 'wrong-version', { ...runStarted(e2!), version: 'v9' }),
    event(`ff.run.${e3}.exploded`, 'unknown-type', {
      ...runStarted(e3!),
      id: `${e3}.exploded`,
      subject: `ff.run.${e3}.exploded`,
      type: 'ff.run.exploded',
    }),
  ];
}

/** Publishes until JetStream acknowledged (NATS may be restarting); the msg id keeps it stored once. */
async function publishStored(js: JetStreamClient, subject: string, payload: Uint8Array): Promise<void> {
  const msgID = `chaos-poison-${ulid()}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await js.publish(subject, payload, { msgID, timeout: 5_000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

/** Sends a PUB over a bare socket, as a client without nats.js' own size check would; returns what the server said. */
function rawPublishOnce(natsUrl: string, subject: string, payload: Buffer): Promise<string> {
  const { user, pass } = natsConnectOptions(natsUrl);
  const url = new URL(natsUrl.split(',')[0]!);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    let answer = '';
    const done = (extra = ''): void => {
      socket.destroy();
      resolve((answer + extra).trim());
    };
    socket.setTimeout(10_000, () => done(' (timeout)'));
    socket.on('error', (err: NodeJS.ErrnoException) => done(` (${err.code ?? err.message})`));
    socket.on('close', () => done());
    socket.once('data', () => {
      socket.write(`CONNECT ${JSON.stringify({ verbose: false, pedantic: false, user, pass })}\r\n`);
      socket.write(`PUB ${subject} ${payload.length}\r\n`);
      socket.write(Buffer.concat([payload, Buffer.from('\r\nPING\r\n')]));
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString('utf8');
        if (/-ERR|PONG/.test(answer)) done(); // an error, or the PUB was taken
      });
    });
  });
}

/** rawPublishOnce, again while NATS is restarting (refused before it could answer). */
async function rawPublish(natsUrl: string, subject: string, payload: Buffer): Promise<string> {
  for (let n = 0; ; n++) {
    const answer = await rawPublishOnce(natsUrl, subject, payload);
    if (/-ERR|PONG/.test(answer) || n >= 60) return answer;
    await sleep(500);
  }
}

async function storedOn(jsm: JetStreamManager, stream: string, subject: string): Promise<boolean> {
  try {
    return Boolean(await jsm.streams.getMessage(stream, { last_by_subj: subject }));
  } catch {
    return false;
  }
}

/**
 * Injects the poison set into a running platform. A 2 MiB message exceeds NATS' max_payload (1 MiB,
 * kept on purpose: events stay small, DESIGN §5): it is refused to its publisher before anything is
 * stored, so it cannot be lost silently, and it never reaches a consumer's buffer.
 */
export async function injectPoison(
  js: JetStreamClient,
  jsm: JetStreamManager,
  /** NATS_URL of the platform user: the raw client must authenticate like any other. */
  natsUrl: string,
): Promise<{ poisons: Poison[]; oversized: Oversized[] }> {
  const set = poisonSet();
  for (const { poison, payload } of set) await publishStored(js, poison.subject, payload);
  const bytes = 2 * 1024 * 1024;
  const oversized: Oversized[] = [];
  for (const [stream, subject] of [
    ['FF_RUNS', `ff.runs.requested.${ulid()}`],
    ['FF_RUN_EVENTS', `ff.run.${ulid()}.started`],
  ] as const) {
    const payload = Buffer.alloc(bytes, 0x7b);
    const clientError = await js.publish(subject, payload).then(
      () => 'accepted',
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    const serverError = await rawPublish(natsUrl, subject, payload);
    if (await storedOn(jsm, stream, subject))
      throw new Error(`a ${bytes}-byte message was stored on ${subject}`);
    oversized.push({ subject, stream, bytes, clientError, serverError });
  }
  return { poisons: set.map((p) => p.poison), oversized };
}
