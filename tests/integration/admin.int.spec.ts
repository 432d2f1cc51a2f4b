import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { sql } from 'kysely';
import { headers as natsHeaders } from '@nats-io/nats-core';
import type {
  AdminAuditPage,
  ConsumersResponse,
  DeadLetter,
  DeadLetterPage,
  DeleteDeadLetterResponse,
  Problem,
  ReplayResponse,
  RunStartedV1,
} from '@fuzzforge/contracts';
import type { AdminDatabase } from '@fuzzforge/platform';
import { useClients } from '../support/clients';
import { runRequested } from '../support/events';
import { eventually, json } from '../support/http';

const env = inject('serviceEnv');
const apiUrl = inject('apiUrl');
const clientsOf = useClients(env);
const encode = (s: string) => new TextEncoder().encode(s);
const consumer = 'projector-run-events';

// As every test, with the platform's bootstrap admin key (tests/setup/apiKey.ts).
const admin = (path: string, method = 'GET') => fetch(`${apiUrl}/v1/admin${path}`, { method });

const dlqPage = async (query: Record<string, string>): Promise<DeadLetterPage> => {
  const res = await admin(`/dlq?${new URLSearchParams(query).toString()}`);
  expect(res.status).toBe(200);
  return json<DeadLetterPage>(res);
};
const ids = (page: DeadLetterPage) => page.entries.map((e) => e.id);

const replay = async (id: number): Promise<ReplayResponse> => {
  const res = await admin(`/dlq/${id}/replay`, 'POST');
  expect(res.status).toBe(202);
  return json<ReplayResponse>(res);
};

const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const problem = await json<Problem>(res);
  expect(problem).toMatchObject({ status, code });
  return problem;
};

/** Publishes poison (not JSON) on a run subject; the projector parks it in FF_DLQ at once. */
const poison = async (subject: string, payload: Uint8Array) => clientsOf().js.publish(subject, payload);

const runStarted = (runId: string): RunStartedV1 => {
  const now = new Date().toISOString();
  return {
    specversion: '1.0',
    id: `${runId}.started`,
    type: 'ff.run.started',
    source: 'test',
    time: now,
    subject: `ff.run.${runId}.started`,
    datacontenttype: 'application/json',
    version: 'v1',
    data: { runId, workflow: 'secret-scan', worker: 'test', startedAt: now },
  };
};

describe('dead-letter list', () => {
  it('shows poison with its context, filtered by consumer, original subject and time, a page at a time', async () => {
    const runId = ulid();
    const before = new Date(Date.now() - 1000).toISOString();
    const started = `ff.run.${runId}.started`;
    const progress = `ff.run.${runId}.progress`;
    const textAck = await poison(started, encode('{ not json'));
    // Not UTF-8 (a lone continuation byte first) and larger than the 4 KiB preview.
    const binary = new Uint8Array(5000).map((_, i) => (0x80 + i * 7) & 0xff);
    const binaryAck = await poison(progress, binary);

    const mine = { consumer, subject: `ff.run.${runId}.>` };
    const page = await eventually(
      async () => {
        const p = await dlqPage(mine);
        return p.entries.length === 2 ? p : undefined;
      },
      30_000,
      'both poison messages in FF_DLQ',
    );
    const [text, bin] = page.entries;
    expect(text).toMatchObject({
      subject: `ff.dlq.${consumer}`,
      consumer,
      originalSubject: started,
      originalStream: 'FF_RUN_EVENTS',
      originalSequence: textAck.seq,
      deliveryCount: 1,
      eventId: null,
      payloadSize: 10,
      preview: { encoding: 'utf-8', data: '{ not json', truncated: false },
    });
    expect(text?.error).toContain('not JSON');
    expect(Date.parse(text!.failedAt)).toBeGreaterThanOrEqual(Date.parse(before));
    expect(bin).toMatchObject({
      originalSubject: progress,
      originalSequence: binaryAck.seq,
      payloadSize: 5000,
      preview: { encoding: 'base64', truncated: true },
    });
    expect(Buffer.from(bin!.preview.data, 'base64')).toEqual(Buffer.from(binary.subarray(0, 4096)));
    expect(page.total).toBeGreaterThanOrEqual(2);

    // One entry has the whole payload.
    const whole = await json<DeadLetter>(await admin(`/dlq/${bin!.id}`));
    expect(whole.payload).toMatchObject({ encoding: 'base64', truncated: false });
    expect(Buffer.from(whole.payload.data, 'base64')).toEqual(Buffer.from(binary));

    // Filters: the original subject (exact or wildcard), the consumer, the failure time.
    expect(ids(await dlqPage({ ...mine, subject: started }))).toEqual([text!.id]);
    const wildcard = ids(await dlqPage({ subject: 'ff.run.*.progress', after: String(text!.id) }));
    expect(wildcard).toContain(bin!.id);
    expect(wildcard).not.toContain(text!.id);
    expect(ids(await dlqPage({ ...mine, consumer: 'dispatcher' }))).toEqual([]);
    expect(ids(await dlqPage({ ...mine, since: text!.failedAt, until: bin!.failedAt }))).toEqual([
      text!.id,
      bin!.id,
    ]);
    const justAfter = new Date(Date.parse(bin!.failedAt) + 1).toISOString();
    expect(ids(await dlqPage({ ...mine, since: justAfter }))).toEqual([]);
    const justBefore = new Date(Date.parse(text!.failedAt) - 1).toISOString();
    expect(ids(await dlqPage({ ...mine, until: justBefore }))).toEqual([]);

    // Pages: `next` is the cursor for `after`, null once nothing further is stored.
    const first = await dlqPage({ ...mine, limit: '1' });
    expect(ids(first)).toEqual([text!.id]);
    expect(first.next).toBe(text!.id);
    const second = await dlqPage({ ...mine, limit: '1', after: String(first.next) });
    expect(ids(second)).toEqual([bin!.id]);
    const rest = await dlqPage({ ...mine, after: String(second.next ?? bin!.id) });
    expect(rest).toMatchObject({ entries: [], next: null });
  });

  it('names bad query fields and answers 404 for unknown ids', async () => {
    const problem = await expectProblem(
      await admin('/dlq?limit=501&subject=ff..run&since=yesterday'),
      400,
      'validation-failed',
    );
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['/limit', '/since', '/subject']);
    const range = await expectProblem(
      await admin('/dlq?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z'),
      400,
      'validation-failed',
    );
    expect(range.errors?.map((e) => e.path)).toEqual(['/until']);
    for (const id of ['999999999', 'abc', '0']) {
      await expectProblem(await admin(`/dlq/${id}`), 404, 'dead-letter-not-found');
      await expectProblem(await admin(`/dlq/${id}/replay`, 'POST'), 404, 'dead-letter-not-found');
      await expectProblem(await admin(`/dlq/${id}`, 'DELETE'), 404, 'dead-letter-not-found');
    }
  });
});

describe('dead-letter replay', () => {
  it('delivers a fixed dead letter again, and the projector applies it exactly once', async () => {
    const clients = clientsOf();
    const runId = ulid();
    const event = runStarted(runId);
    // A stand-in for an event that failed during an outage (say Postgres refused writes until an
    // operator fixed it) long enough ago that its original has left FF_RUN_EVENTS. Causing that outage
    // would disturb the shared platform, so we write the dead letter ourselves, with the headers
    // startDurableConsumer writes; its original sequence lies beyond the stream's end.
    const originalSequence = (await clients.jsm.streams.info('FF_RUN_EVENTS')).state.last_seq + 1_000_000;
    const h = natsHeaders();
    h.set('Ce-Type', event.type);
    h.set('Ce-Version', event.version);
    h.set('Ff-Original-Subject', event.subject);
    h.set('Ff-Original-Stream', 'FF_RUN_EVENTS');
    h.set('Ff-Original-Sequence', String(originalSequence));
    h.set('Ff-Consumer', consumer);
    h.set('Ff-Delivery-Count', '5');
    h.set('Ff-Error', 'connect ECONNREFUSED 127.0.0.1:5433');
    h.set('Ff-Failed-At', new Date().toISOString());
    const dead = await clients.js.publish(`ff.dlq.${consumer}`, encode(JSON.stringify(event)), {
      headers: h,
      msgID: `FF_RUN_EVENTS:${originalSequence}:${consumer}`,
    });
    const runRow = () =>
      clients.db.selectFrom('runs').select(['status', 'timeline']).where('id', '=', runId).executeTakeFirst();
    expect(await runRow()).toBeUndefined();

    const first = await replay(dead.seq);
    expect(first).toMatchObject({
      id: dead.seq,
      msgId: `replay:FF_DLQ:${dead.seq}`,
      ack: { stream: 'FF_RUN_EVENTS', duplicate: false },
    });
    await eventually(
      async () => ((await runRow())?.status === 'running' ? true : undefined),
      30_000,
      'the replayed event to be projected',
    );
    // The replay is the original event with its headers, published under a replay id, marked as a replay.
    const stored = await clients.jsm.streams.getMessage('FF_RUN_EVENTS', { seq: first.ack.seq });
    expect(stored?.json()).toEqual(event);
    expect(stored?.header.get('Ce-Type')).toBe(event.type);
    expect(stored?.header.get('Nats-Msg-Id')).toBe(`replay:FF_DLQ:${dead.seq}`);
    expect(stored?.header.get('Ff-Replayed-From')).toBe(`FF_DLQ:${dead.seq}`);
    expect(stored?.header.has('Ff-Error')).toBe(false);
    // Publish controls are stored with a message: a replayed one would break its dead-lettering later.
    expect(stored?.header.has('Nats-Expected-Stream')).toBe(false);

    // The same entry replayed again inside JetStream's duplicate window: stored once, and the answer says so.
    const second = await replay(dead.seq);
    expect(second.ack).toEqual({ ...first.ack, duplicate: true });
    // Beyond the window the server would store it again; the projector's ledger must then skip it.
    const late = await clients.js.publish(event.subject, encode(JSON.stringify(event)), {
      msgID: `${event.id}/after-the-window`,
    });
    await eventually(
      async () => {
        const info = await clients.jsm.consumers.info('FF_RUN_EVENTS', consumer);
        return info.ack_floor.stream_seq >= late.seq ? true : undefined;
      },
      30_000,
      'the projector to handle the late copy',
    );
    const count = async (table: 'run_events' | 'processed_events') =>
      Number(
        (
          await clients.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('event_id', '=', event.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('run_events')).toBe(1);
    expect(await count('processed_events')).toBe(1);
    expect((await runRow())?.timeline.filter((t) => t.status === 'running')).toHaveLength(1);

    const audit = await json<AdminAuditPage>(await admin(`/audit?action=dlq.replay&dlqSequence=${dead.seq}`));
    expect(audit.records.map((r) => [r.id, (r.detail['ack'] as { duplicate: boolean }).duplicate])).toEqual([
      [second.auditId, true],
      [first.auditId, false],
    ]);
    expect(audit.records[0]).toMatchObject({
      action: 'dlq.replay',
      originalSubject: event.subject,
      consumer,
      actor: 'bootstrap',
      detail: { msgId: `replay:FF_DLQ:${dead.seq}`, eventId: event.id },
    });
  });

  it('delivers a replayed request to its consumer again, even right after it failed', async () => {
    const clients = clientsOf();
    const runId = ulid();
    const request = runRequested(runId, { workflow: 'no-such-workflow' });
    const stored = await clients.js.publish(request.subject, encode(JSON.stringify(request)), {
      msgID: request.id,
    });
    const entry = await eventually(
      async () => (await dlqPage({ consumer: 'dispatcher', subject: request.subject })).entries[0],
      30_000,
      'the request in FF_DLQ',
    );
    expect(entry).toMatchObject({
      originalStream: 'FF_RUNS',
      originalSequence: stored.seq,
      eventId: request.id,
    });
    const replayed = await replay(entry.id);
    expect(replayed.ack).toMatchObject({ stream: 'FF_RUNS', duplicate: false });
    expect(replayed.ack.seq).toBeGreaterThan(stored.seq);
    // The workflow is still unknown, so the dispatcher parks the replayed copy again: proof it got it.
    const again = await eventually(
      async () =>
        (await dlqPage({ consumer: 'dispatcher', subject: request.subject })).entries.find(
          (e) => e.originalSequence === replayed.ack.seq,
        ),
      30_000,
      'the replayed request back in FF_DLQ',
    );
    expect(again.eventId).toBe(request.id);
  });

  it('refuses to replay into a stream that no longer stores the original subject', async () => {
    const clients = clientsOf();
    const deadLetterFor = async (originalSubject: string, originalStream: string) => {
      const h = natsHeaders();
      h.set('Ff-Original-Subject', originalSubject);
      h.set('Ff-Original-Stream', originalStream);
      h.set('Ff-Consumer', consumer);
      return (await clients.js.publish(`ff.dlq.${consumer}`, encode('{}'), { headers: h })).seq;
    };
    const nowhere = await deadLetterFor(`nowhere.${ulid()}`, 'FF_RUN_EVENTS');
    const moved = await deadLetterFor(`ff.run.${ulid()}.started`, 'FF_RUNS');
    for (const id of [nowhere, moved]) {
      await expectProblem(await admin(`/dlq/${id}/replay`, 'POST'), 409, 'dead-letter-not-replayable');
      expect((await admin(`/dlq/${id}`, 'DELETE')).status).toBe(200);
    }
  });
});

describe('dead-letter delete', () => {
  it('removes the entry and writes an audit row in schema ff_admin', async () => {
    const clients = clientsOf();
    const subject = `ff.run.${ulid()}.started`;
    await poison(subject, encode('{ delete me'));
    const entry = await eventually(
      async () => (await dlqPage({ consumer, subject })).entries[0],
      30_000,
      'the poison message in FF_DLQ',
    );
    const res = await admin(`/dlq/${entry.id}`, 'DELETE');
    expect(res.status).toBe(200);
    const deleted = await json<DeleteDeadLetterResponse>(res);
    expect(deleted).toMatchObject({ id: entry.id, deleted: true });

    await expectProblem(await admin(`/dlq/${entry.id}`), 404, 'dead-letter-not-found');
    await expectProblem(await admin(`/dlq/${entry.id}`, 'DELETE'), 404, 'dead-letter-not-found');
    expect((await dlqPage({ consumer, subject })).entries).toEqual([]);

    const row = await clients.db
      .withTables<AdminDatabase>()
      .selectFrom('ff_admin.admin_audit')
      .selectAll()
      .where('id', '=', String(deleted.auditId))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      action: 'dlq.delete',
      dlq_sequence: String(entry.id),
      original_subject: subject,
      consumer,
      actor: 'bootstrap',
      detail: { error: entry.error, originalSequence: entry.originalSequence },
    });
    // The audit trail is not a read model: it must not live in the rebuildable schema `ff`.
    const where = await sql<{ table_schema: string }>`
      select table_schema from information_schema.tables where table_name = 'admin_audit'`.execute(
      clients.db,
    );
    expect(where.rows).toEqual([{ table_schema: 'ff_admin' }]);

    const audit = await json<AdminAuditPage>(await admin(`/audit?dlqSequence=${entry.id}`));
    expect(audit.records).toMatchObject([
      { id: deleted.auditId, action: 'dlq.delete', dlqSequence: entry.id },
    ]);
  });
});

describe('consumers', () => {
  it('reports the four durable consumers with their positions, and the dead letters of each', async () => {
    const clients = clientsOf();
    // Something to report: a fresh poison message.
    const subject = `ff.run.${ulid()}.started`;
    const ack = await poison(subject, encode('{ lag'));
    await eventually(
      async () => ((await dlqPage({ consumer, subject })).entries.length === 1 ? true : undefined),
      30_000,
      'the poison message in FF_DLQ',
    );
    const body = await json<ConsumersResponse>(await admin('/consumers'));
    const byName = new Map(body.consumers.map((c) => [c.name, c]));
    expect(
      ['dispatcher', 'projector-targets', 'projector-runs', 'projector-run-events'].map((n) => [
        n,
        byName.get(n)?.stream,
      ]),
    ).toEqual([
      ['dispatcher', 'FF_RUNS'],
      ['projector-targets', 'FF_TARGETS'],
      ['projector-runs', 'FF_RUNS'],
      ['projector-run-events', 'FF_RUN_EVENTS'],
    ]);
    for (const c of body.consumers) {
      for (const n of [
        c.numPending,
        c.numAckPending,
        c.numRedelivered,
        c.numWaiting,
        c.delivered.streamSeq,
      ]) {
        expect(Number.isInteger(n) && n >= 0).toBe(true);
      }
    }
    const events = byName.get(consumer)!;
    expect(events.delivered.streamSeq).toBeGreaterThanOrEqual(ack.seq);
    expect(Date.parse(events.lastActive ?? '')).toBeGreaterThan(Date.now() - 5 * 60_000);

    const info = await clients.jsm.streams.info('FF_DLQ', { subjects_filter: `ff.dlq.${consumer}` });
    expect(events.deadLetters).toBeGreaterThanOrEqual(1);
    expect(events.deadLetters).toBe(info.state.subjects?.[`ff.dlq.${consumer}`]);
    expect(body.dlq).toMatchObject({ stream: 'FF_DLQ', messages: info.state.messages });
    expect(body.dlq.byConsumer[consumer]).toBe(events.deadLetters);
  });
});
