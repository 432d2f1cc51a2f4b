import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ulid } from 'ulid';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  targetUploadedSubject,
  targetUploadedType,
  targetUploadedVersion,
  webhookDisabledSubject,
  WebhookDisabledV1,
  streams,
  type CreatedWebhook,
  type WebhookDeliveryDetail,
  type WebhookDeliveryPage,
  type WebhookPayload,
  type WebhookView,
} from '@fuzzforge/contracts';
import { newEvent, publishEvent, webhookTables } from '@fuzzforge/platform';
import { useClients } from '../support/clients';
import { completedRun, findingsOf, requestRun, uploadFixture } from '../support/scanRuns';
import { eventually, json } from '../support/http';
import { crashService, servicePid } from '../support/serviceProcess';
import { acceptAll, startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';

const api = inject('apiUrl');
const env = inject('serviceEnv');
const clients = useClients(env);
const webhooksEntry = 'services/webhooks/src/main.ts';

const receivers: WebhookReceiver[] = [];
const receiver = async (...args: Parameters<typeof startWebhookReceiver>) => {
  const r = await startWebhookReceiver(...args);
  receivers.push(r);
  return r;
};
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

const uniqueProject = () => `wh-${ulid().toLowerCase()}`;

async function subscribe(body: Record<string, unknown>): Promise<CreatedWebhook> {
  const res = await fetch(`${api}/v1/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<CreatedWebhook>(res);
}

/** Publishes a target upload to `project` straight to NATS, as the API would; returns the event id. */
async function publishUpload(project: string): Promise<string> {
  const targetId = ulid();
  const event = newEvent({
    id: ulid(),
    type: targetUploadedType,
    version: targetUploadedVersion,
    subject: targetUploadedSubject(targetId),
    source: 'test/webhooks',
    time: new Date(),
    data: {
      targetId,
      sha256: 'e'.repeat(64),
      size: 3,
      filename: 'hook.txt',
      contentType: 'text/plain',
      storageKey: `targets/${'e'.repeat(64)}`,
      uploadedAt: new Date().toISOString(),
      project,
    },
  });
  await publishEvent(clients().js, event);
  return event.id;
}

const deliveriesOf = async (webhookId: string, query = ''): Promise<WebhookDeliveryPage> =>
  json<WebhookDeliveryPage>(await fetch(`${api}/v1/webhooks/${webhookId}/deliveries${query}`));

const deliveryOf = async (webhookId: string, deliveryId: string): Promise<WebhookDeliveryDetail> =>
  json<WebhookDeliveryDetail>(await fetch(`${api}/v1/webhooks/${webhookId}/deliveries/${deliveryId}`));

/** Waits for a condition on what receivers got (no I/O to await). */
const until = (condition: () => boolean, timeoutMs: number, what: string) =>
  eventually(() => Promise.resolve(condition() ? true : undefined), timeoutMs, what);

/** The Standard Webhooks headers of a received request, as `standardwebhooks` takes them. */
const signatureHeaders = (request: { headers: Record<string, unknown> }): Record<string, string> =>
  Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(request.headers[h])]),
  );

/** Whether `secret` verifies `request` (standardwebhooks: an independent implementation of the spec). */
const verifiesWith = (
  secret: string,
  request: { body: string; headers: Record<string, unknown> },
): boolean => {
  try {
    new Webhook(secret).verify(request.body, signatureHeaders(request));
    return true;
  } catch {
    return false;
  }
};

/** A receiver and a webhook sending it `project`'s uploads. */
async function uploadsWebhook(project: string) {
  const hooks = await receiver();
  const webhook = await subscribe({
    url: hooks.url,
    eventTypes: ['ff.target.uploaded'],
    projects: [project],
  });
  return { hooks, webhook };
}

const payloadOf = (body: string) => JSON.parse(body) as WebhookPayload;

describe('webhooks', () => {
  beforeAll(async () => {
    // The service is up once its consumers exist (it creates them at start).
    await eventually(
      async () =>
        (await clients()
          .jsm.consumers.info(streams.targets.name, 'webhooks-targets')
          .catch(() => null)) ?? undefined,
      60_000,
      'the webhooks service to start',
    );
  });

  it('signs each delivery per Standard Webhooks, verified by an independent implementation', async () => {
    const project = uniqueProject();
    const hooks = await receiver();
    const webhook = await subscribe({ url: hooks.url, eventTypes: ['ff.target.*'], projects: [project] });
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const again = await json<WebhookView>(await fetch(`${api}/v1/webhooks/${webhook.id}`));
    expect(again).not.toHaveProperty('secret');

    const eventIds = [await publishUpload(project), await publishUpload(project)];
    await publishUpload(uniqueProject()); // another project: not for this webhook
    await until(() => hooks.accepted.length >= 2, 30_000, 'two deliveries');
    await sleep(1_000);
    expect(hooks.received).toHaveLength(2);

    const verifier = new Webhook(webhook.secret);
    const stranger = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    for (const request of hooks.received) {
      const headers = signatureHeaders(request);
      expect(request.headers['content-type']).toBe('application/json');
      expect(() => verifier.verify(request.body, headers)).not.toThrow();
      expect(() => verifier.verify(request.body.replace(project, 'other'), headers)).toThrow();
      expect(() => stranger.verify(request.body, headers)).toThrow();
      const payload = payloadOf(request.body);
      expect(payload).toMatchObject({
        type: 'ff.target.uploaded',
        project,
        data: { type: 'ff.target.uploaded' },
      });
      expect(payload.timestamp).toBe(payload.data['time']);
    }
    expect(hooks.received.map((r) => payloadOf(r.body).data['id']).sort()).toEqual([...eventIds].sort());
    expect(new Set(hooks.received.map((r) => r.headers['webhook-id'])).size).toBe(2);

    const log = await deliveriesOf(webhook.id);
    expect(log.deliveries).toHaveLength(2);
    expect(log.deliveries.every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
    expect(log.deliveries.map((d) => d.id).sort()).toEqual(
      hooks.received.map((r) => r.headers['webhook-id']).sort(),
    );
  });

  it('rotates a secret: both sign during the grace, only the new one after it or after a rotation without one', async () => {
    const project = uniqueProject();
    const { hooks, webhook } = await uploadsWebhook(project);
    const rotate = async (body: unknown): Promise<CreatedWebhook> => {
      const res = await fetch(`${api}/v1/webhooks/${webhook.id}/rotate-secret`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return json<CreatedWebhook>(res);
    };
    /** Delivers one event and says which of `secrets` verify its request (standardwebhooks). */
    const verifyingSecrets = async (secrets: string[]): Promise<boolean[]> => {
      const before = hooks.accepted.length;
      await publishUpload(project);
      await until(() => hooks.accepted.length > before, 30_000, 'the delivery');
      return secrets.map((secret) => verifiesWith(secret, hooks.accepted[before]!));
    };

    const second = await rotate({ graceSeconds: 3600 });
    expect(second.secret).not.toBe(webhook.secret);
    expect(Date.parse(second.previousSecretExpiresAt!) - Date.parse(second.secretRotatedAt!)).toBe(3_600_000);
    expect(await verifyingSecrets([second.secret, webhook.secret])).toEqual([true, true]);

    const third = await rotate({ graceSeconds: 1 });
    await sleep(1_500);
    expect(await verifyingSecrets([third.secret, second.secret, webhook.secret])).toEqual([
      true,
      false,
      false,
    ]);

    const fourth = await rotate({ graceSeconds: 0 });
    expect(fourth.previousSecretExpiresAt).toBeNull();
    expect(await verifyingSecrets([fourth.secret, third.secret])).toEqual([true, false]);

    const shown = await json<WebhookView>(await fetch(`${api}/v1/webhooks/${webhook.id}`));
    expect(shown).not.toHaveProperty('secret');
    expect(shown.secretRotatedAt).toBe(fourth.secretRotatedAt);

    const refused = await fetch(`${api}/v1/webhooks/${webhook.id}/rotate-secret`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ graceSeconds: 8 * 86_400 }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: [{ path: '/graceSeconds' }] });
    await fetch(`${api}/v1/webhooks/${webhook.id}`, { method: 'DELETE' });
  });

  it('pings one webhook, whatever its filters, and no other; refuses a disabled or unknown one', async () => {
    const { hooks, webhook } = await uploadsWebhook(uniqueProject());
    const everything = await receiver();
    const all = await subscribe({ url: everything.url, eventTypes: ['*'] });
    const ping = async (id: string) =>
      fetch(`${api}/v1/webhooks/${id}/ping`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });

    const answer = await ping(webhook.id);
    expect(answer.status).toBe(202);
    const pinged = await json<{ webhookId: string; eventId: string; deliveryId: string }>(answer);
    expect(pinged.webhookId).toBe(webhook.id);
    await until(() => hooks.accepted.length === 1, 30_000, 'the ping delivery');
    const request = hooks.accepted[0]!;
    expect(request.headers['webhook-id']).toBe(pinged.deliveryId);
    expect(verifiesWith(webhook.secret, request)).toBe(true);
    expect(payloadOf(request.body)).toMatchObject({
      type: 'ff.webhook.ping',
      project: null,
      data: {
        id: pinged.eventId,
        type: 'ff.webhook.ping',
        data: { webhookId: webhook.id },
      },
    });
    // Which key asked: the test's admin key.
    expect((payloadOf(request.body).data['data'] as { requestedBy: unknown }).requestedBy).toMatch(/\S/);
    const delivery = await eventually(
      async () => {
        const d = await deliveryOf(webhook.id, pinged.deliveryId);
        return d.status === 'succeeded' ? d : undefined;
      },
      10_000,
      'the ping recorded as delivered',
    );
    expect(delivery.attemptLog).toMatchObject([{ outcome: 'succeeded', statusCode: 200 }]);

    await sleep(1_000);
    expect(everything.received.filter((r) => payloadOf(r.body).type === 'ff.webhook.ping')).toEqual([]);
    expect((await deliveriesOf(all.id, '?eventType=ff.webhook.ping')).deliveries).toEqual([]);

    await fetch(`${api}/v1/webhooks/${webhook.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    const disabled = await ping(webhook.id);
    expect(disabled.status).toBe(409);
    expect(await disabled.json()).toMatchObject({ code: 'webhook-disabled' });
    expect((await ping('wh_unknown')).status).toBe(404);
    for (const id of [webhook.id, all.id]) await fetch(`${api}/v1/webhooks/${id}`, { method: 'DELETE' });
  });

  it("delivers a real scan's findings and its end to a webhook following its project", async () => {
    const project = uniqueProject();
    const hooks = await receiver();
    const webhook = await subscribe({
      url: hooks.url,
      eventTypes: ['ff.run.finding', 'ff.run.completed'],
      projects: [project],
    });
    const target = await uploadFixture(api, 'leaky-app');
    const runId = await requestRun(api, target.id, 'secret-scan', {}, project);
    await completedRun(api, runId);
    const findings = await findingsOf(api, runId);
    expect(findings.length).toBeGreaterThan(0);

    const ofRun = () =>
      hooks.accepted
        .map((r) => payloadOf(r.body))
        .filter((p) => (p.data['data'] as { runId?: string }).runId === runId);
    await until(
      () => ofRun().some((p) => p.type === 'ff.run.completed'),
      30_000,
      'the run.completed delivery',
    );
    await until(
      () => ofRun().filter((p) => p.type === 'ff.run.finding').length >= findings.length,
      30_000,
      'every finding delivery',
    );
    const delivered = ofRun();
    expect(delivered.every((p) => p.project === project)).toBe(true);
    expect(delivered.filter((p) => p.type === 'ff.run.finding')).toHaveLength(findings.length);
    expect(new Set(delivered.map((p) => p.type))).toEqual(new Set(['ff.run.finding', 'ff.run.completed']));
    const log = await deliveriesOf(webhook.id, '?eventType=ff.run.finding&limit=500');
    expect(log.deliveries).toHaveLength(findings.length);
    await fetch(`${api}/v1/webhooks/${webhook.id}`, { method: 'DELETE' });
  });

  it('retries a receiver that fails three times and gets exactly one accepted delivery', async () => {
    const project = uniqueProject();
    const hooks = await receiver((_req, n, res) =>
      res.writeHead(n < 3 ? 500 : 200).end(n < 3 ? 'down' : 'ok'),
    );
    const webhook = await subscribe({
      url: hooks.url,
      eventTypes: ['ff.target.uploaded'],
      projects: [project],
    });
    await publishUpload(project);

    await until(() => hooks.accepted.length > 0, 30_000, 'an accepted delivery');
    await sleep(2_000); // the schedule's next retries would have come by now
    expect(hooks.received).toHaveLength(4);
    expect(hooks.accepted).toHaveLength(1);
    expect(new Set(hooks.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    // Each retry waits longer than the one before (base 200 ms, factor 2, jitter ±20%).
    const gaps = hooks.received.slice(1).map((r, i) => r.at - hooks.received[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(150);
    expect(gaps[1]).toBeGreaterThanOrEqual(300);
    expect(gaps[2]).toBeGreaterThanOrEqual(600);

    const [listed] = (await deliveriesOf(webhook.id)).deliveries;
    const delivery = await deliveryOf(webhook.id, listed!.id);
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: 4,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(delivery.attemptLog.map((a) => [a.outcome, a.statusCode])).toEqual([
      ['failed', 500],
      ['failed', 500],
      ['failed', 500],
      ['succeeded', 200],
    ]);
    expect(delivery.attemptLog[0]!.responseBody).toBe('down');
    expect(JSON.parse(hooks.accepted[0]!.body)).toEqual(delivery.payload);
    const health = await json<WebhookView>(await fetch(`${api}/v1/webhooks/${webhook.id}`));
    expect(health).toMatchObject({ enabled: true, consecutiveFailures: 0, failingSince: null });
  });

  it('dead-letters a delivery once its schedule is spent, and redelivers it on request', async () => {
    const project = uniqueProject();
    const hooks = await receiver((_req, _n, res) => res.writeHead(503).end());
    const webhook = await subscribe({ url: hooks.url, eventTypes: ['*'], projects: [project] });
    await publishUpload(project);

    const dead = await eventually(
      async () => (await deliveriesOf(webhook.id, '?status=dead-lettered')).deliveries[0],
      30_000,
      'the delivery to be dead-lettered',
    );
    expect(dead).toMatchObject({
      attempts: 5,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
      nextAttemptAt: null,
    });
    expect(hooks.received).toHaveLength(5);

    hooks.respondWith(acceptAll);
    const res = await fetch(`${api}/v1/webhooks/${webhook.id}/deliveries/${dead.id}/redeliver`, {
      method: 'POST',
    });
    expect(res.status).toBe(202);
    await until(() => hooks.accepted.length === 1, 30_000, 'the redelivery');
    const delivery = await eventually(
      async () => {
        const d = await deliveryOf(webhook.id, dead.id);
        return d.status === 'succeeded' ? d : undefined;
      },
      10_000,
      'the redelivery to be logged',
    );
    expect(delivery.attemptLog.at(-1)).toMatchObject({ attempt: 6, trigger: 'manual', outcome: 'succeeded' });
    expect(hooks.accepted[0]!.headers['webhook-id']).toBe(dead.id);

    const missing = await fetch(`${api}/v1/webhooks/${webhook.id}/deliveries/msg_nope/redeliver`, {
      method: 'POST',
    });
    expect(missing.status).toBe(404);
  });

  it('disables a webhook that keeps failing and says so in an ff.webhook.disabled event', async () => {
    const project = uniqueProject();
    const failing = await receiver((_req, _n, res) => res.writeHead(500).end());
    const watcher = await receiver();
    const webhook = await subscribe({
      url: failing.url,
      eventTypes: ['ff.target.uploaded'],
      projects: [project],
    });
    const watch = await subscribe({ url: watcher.url, eventTypes: ['ff.webhook.disabled'] });
    await publishUpload(project);
    await publishUpload(project);

    const disabled = await eventually(
      async () => {
        const view = await json<WebhookView>(await fetch(`${api}/v1/webhooks/${webhook.id}`));
        return view.enabled ? undefined : view;
      },
      30_000,
      'the webhook to be disabled',
    );
    expect(disabled.disabledReason).toBe('failing');
    expect(disabled.consecutiveFailures).toBeGreaterThanOrEqual(6);
    const stored = await eventually(
      async () =>
        (await clients().jsm.direct.getMessage(streams.webhooks.name, {
          last_by_subj: webhookDisabledSubject(webhook.id),
        })) ?? undefined,
      10_000,
      'the ff.webhook.disabled event',
    );
    const event = WebhookDisabledV1.parse(stored.json());
    expect(event.data).toMatchObject({
      webhookId: webhook.id,
      reason: 'failing',
      lastError: 'HTTP 500',
    });
    expect(event.data.consecutiveFailures).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(event)).not.toContain(failing.url);

    // Subscribers hear of it through webhooks too.
    await until(
      () => watcher.accepted.some((r) => payloadOf(r.body).data['id'] === event.id),
      10_000,
      'the watcher to be told',
    );
    // Nothing more is attempted while it is disabled.
    const attempted = failing.received.length;
    await sleep(1_500);
    expect(failing.received).toHaveLength(attempted);

    // Re-enabled, its pending deliveries go out.
    failing.respondWith(acceptAll);
    const enabled = await fetch(`${api}/v1/webhooks/${webhook.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    });
    expect(await json(enabled)).toMatchObject({
      enabled: true,
      consecutiveFailures: 0,
      disabledReason: null,
    });
    await until(() => failing.accepted.length >= 1, 15_000, 'the pending delivery');
    await fetch(`${api}/v1/webhooks/${watch.id}`, { method: 'DELETE' });
  });

  it('refuses a redirect to the cloud metadata address without connecting to it', async () => {
    const project = uniqueProject();
    const hooks = await receiver((_req, _n, res) =>
      res
        .writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' })
        .end(),
    );
    const webhook = await subscribe({
      url: hooks.url,
      eventTypes: ['ff.target.uploaded'],
      projects: [project],
    });
    await publishUpload(project);

    // The delivery counts an attempt from the moment it is claimed; its log has it once it is made.
    const delivery = await eventually(
      async () => {
        const [listed] = (await deliveriesOf(webhook.id)).deliveries;
        const detail = listed ? await deliveryOf(webhook.id, listed.id) : undefined;
        return detail?.attemptLog.length ? detail : undefined;
      },
      15_000,
      'the first attempt',
    );
    expect(delivery.attemptLog[0]).toMatchObject({ outcome: 'refused', statusCode: null });
    expect(delivery.attemptLog[0]!.error).toMatch(/^refused: .*169\.254\.169\.254.*metadata/);
    await fetch(`${api}/v1/webhooks/${webhook.id}`, { method: 'DELETE' });
  });

  it('keeps signing secrets sealed in Postgres, and seals one stored in the clear at its next start', async () => {
    const db = webhookTables(clients().db);
    const stored = (id: string) =>
      db
        .selectFrom('ff_webhooks.subscriptions')
        .select(['secret', 'previous_secret'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const sealed = /^ffsec1\.[\w-]+\.[\w-]+\.[\w-]+$/;

    const { webhook } = await uploadsWebhook(uniqueProject());
    const created = await stored(webhook.id);
    expect(created.secret).toMatch(sealed);
    const rotated = await json<CreatedWebhook>(
      await fetch(`${api}/v1/webhooks/${webhook.id}/rotate-secret`, { method: 'POST' }),
    );
    const afterRotation = await stored(webhook.id);
    expect(afterRotation.secret).toMatch(sealed);
    expect(afterRotation.previous_secret).toBe(created.secret);
    for (const plain of [webhook.secret, rotated.secret]) {
      const key = plain.slice('whsec_'.length);
      expect(JSON.stringify(afterRotation)).not.toContain(key.slice(0, 12));
    }

    // A webhook stored before secrets were sealed: its plaintext secret still signs…
    const legacySecret = `whsec_${randomBytes(32).toString('base64')}`;
    const legacyProject = uniqueProject();
    const legacyHooks = await receiver();
    const legacyId = `wh_${ulid()}`;
    const at = new Date();
    await db
      .insertInto('ff_webhooks.subscriptions')
      .values({
        id: legacyId,
        url: legacyHooks.url,
        description: 'stored before sealing',
        event_types: ['ff.target.uploaded'],
        projects: [legacyProject],
        secret: legacySecret,
        enabled: true,
        created_at: at,
        updated_at: at,
        created_by: null,
      })
      .execute();
    await publishUpload(legacyProject);
    await until(
      () => legacyHooks.accepted.length === 1,
      30_000,
      'a delivery signed with the plaintext secret',
    );
    expect(verifiesWith(legacySecret, legacyHooks.accepted[0]!)).toBe(true);

    // …and the webhooks service seals it when it starts again; deliveries go on, signed the same.
    const killed = crashService(webhooksEntry, env);
    await eventually(
      async () => {
        const pid = servicePid(webhooksEntry, env);
        const row = await stored(legacyId);
        return pid !== undefined && pid !== killed && sealed.test(row.secret) ? row : undefined;
      },
      60_000,
      'the restarted webhooks service to seal the plaintext secret',
    );
    await publishUpload(legacyProject);
    await until(() => legacyHooks.accepted.length === 2, 30_000, 'a delivery after sealing');
    expect(verifiesWith(legacySecret, legacyHooks.accepted[1]!)).toBe(true);
    await fetch(`${api}/v1/webhooks/${legacyId}`, { method: 'DELETE' });
    await fetch(`${api}/v1/webhooks/${webhook.id}`, { method: 'DELETE' });
  });

  it('loses nothing when the webhooks service is killed in the middle of a delivery', async () => {
    const project = uniqueProject();
    let held = 0;
    // The first request is held unanswered: the service dies while it waits for the answer.
    const hooks = await receiver((_req, n, res) => {
      if (n === 0) held += 1;
      else res.writeHead(200).end('ok');
    });
    const webhook = await subscribe({
      url: hooks.url,
      eventTypes: ['ff.target.uploaded'],
      projects: [project],
    });
    const first = await publishUpload(project);
    await until(() => held === 1, 15_000, 'the first request to arrive');

    const killed = crashService(webhooksEntry, env);
    // Published while the service is down: the durable consumer keeps them.
    const later = [await publishUpload(project), await publishUpload(project), await publishUpload(project)];
    await until(
      () => {
        const pid = servicePid(webhooksEntry, env);
        return pid !== undefined && pid !== killed;
      },
      30_000,
      'the supervisor to restart the webhooks service',
    );

    const ids = [first, ...later];
    await until(
      () => {
        const delivered = new Set(hooks.accepted.map((r) => payloadOf(r.body).data['id']));
        return ids.every((id) => delivered.has(id));
      },
      45_000,
      'every event to be delivered after the restart',
    );
    const page = await deliveriesOf(webhook.id);
    expect(page.deliveries).toHaveLength(4);
    expect(page.deliveries.every((d) => d.status === 'succeeded')).toBe(true);
    // The interrupted request was sent again under the same webhook-id: a receiver can deduplicate.
    const firstId = hooks.received[0]!.headers['webhook-id'];
    expect(hooks.accepted.filter((r) => r.headers['webhook-id'] === firstId)).toHaveLength(1);
    expect(new Set(hooks.accepted.map((r) => r.headers['webhook-id'])).size).toBe(4);
  });

  it('refuses invalid subscriptions with a problem naming the field', async () => {
    for (const body of [
      { url: 'ftp://example.com/x', eventTypes: ['*'] },
      { url: 'https://user:pw@example.com/x', eventTypes: ['*'] },
      { url: 'https://example.com/x', eventTypes: ['ff.run.findings'] },
      { url: 'https://example.com/x', eventTypes: [] },
    ]) {
      const res = await fetch(`${api}/v1/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await json<{ errors: { path: string }[] }>(res);
      expect(problem.errors[0]!.path).toMatch(/^\/(url|eventTypes)/);
    }
    const unknown = await fetch(`${api}/v1/webhooks/wh_nope`);
    expect(unknown.status).toBe(404);
  });
});
