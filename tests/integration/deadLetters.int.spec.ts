import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { useClients } from '../support/clients';
import { runRequested } from '../support/events';
import { eventually } from '../support/http';

const clientsOf = useClients(inject('serviceEnv'));

describe('poison messages', () => {
  it('are parked in FF_DLQ with their context and do not block the events behind them', async () => {
    const clients = clientsOf();
    const runId = ulid();
    const poisonSubject = `ff.run.${runId}.started`;
    await clients.js.publish(poisonSubject, new TextEncoder().encode('{ this is not json'));
    const valid = {
      specversion: '1.0',
      id: `${runId}.started`,
      type: 'ff.run.started',
      source: 'test',
      time: new Date().toISOString(),
      subject: poisonSubject,
      datacontenttype: 'application/json',
      version: 'v1',
      data: { runId, workflow: 'secret-scan', worker: 'test', startedAt: new Date().toISOString() },
    };
    await clients.js.publish(poisonSubject, new TextEncoder().encode(JSON.stringify(valid)), {
      msgID: valid.id,
    });

    // The valid event behind the poison one is projected by the running projector.
    await eventually(
      async () =>
        (await clients.db.selectFrom('runs').select('status').where('id', '=', runId).executeTakeFirst())
          ?.status === 'running'
          ? true
          : undefined,
      30_000,
      'the valid event to be projected',
    );
    const entry = await eventually(
      async () => {
        const msg = await clients.jsm.streams.getMessage('FF_DLQ', {
          last_by_subj: 'ff.dlq.projector-run-events',
        });
        return msg?.header.get('Ff-Original-Subject') === poisonSubject ? msg : undefined;
      },
      30_000,
      'the poison message in FF_DLQ',
    );
    expect(entry.header.get('Ff-Consumer')).toBe('projector-run-events');
    expect(entry.header.get('Ff-Error')).toContain('not JSON');
    expect(Number(entry.header.get('Ff-Original-Sequence'))).toBeGreaterThan(0);
    expect(entry.string()).toBe('{ this is not json');
  });

  it('dead-letters a run request for a workflow the catalog lacks', async () => {
    const clients = clientsOf();
    const runId = ulid();
    const subject = `ff.runs.requested.${runId}`;
    const request = runRequested(runId, { workflow: 'no-such-workflow' });
    await clients.js.publish(subject, new TextEncoder().encode(JSON.stringify(request)), {
      msgID: request.id,
    });
    const entry = await eventually(
      async () => {
        const msg = await clients.jsm.streams.getMessage('FF_DLQ', { last_by_subj: 'ff.dlq.dispatcher' });
        return msg?.header.get('Ff-Original-Subject') === subject ? msg : undefined;
      },
      30_000,
      'the request in FF_DLQ',
    );
    expect(entry.header.get('Ff-Error')).toContain('not in the catalog');
  });
});
