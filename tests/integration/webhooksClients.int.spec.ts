import { afterAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type {
  TargetResponse,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookList,
  WebhookPayload,
  WebhookView,
} from '@fuzzforge/contracts';
import { FuzzForgeApiError, FuzzForgeClient, verifyWebhookSignature } from '@fuzzforge/sdk';
import { ffRunner } from '../support/cliRunner';
import { eventually } from '../support/http';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhookReceiver';

const api = inject('apiUrl');
const client = new FuzzForgeClient({ baseUrl: api, apiKey: inject('apiKey') });
const ff = ffRunner(api, inject('apiKey'));
const runFf = (...args: string[]) => ff.run(args);

const receivers: WebhookReceiver[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});
const receiver = async () => {
  const r = await startWebhookReceiver();
  receivers.push(r);
  return r;
};

const uniqueProject = () => `whc-${ulid().toLowerCase()}`;

/** Uploads a small file of its own to `project` through the API: the API publishes ff.target.uploaded. */
const uploadTo = (project: string): Promise<TargetResponse> =>
  client.targets.upload(new TextEncoder().encode(`webhook clients ${ulid()}\n`), {
    project,
    filename: 'hook.bin',
    contentType: 'application/octet-stream',
  });

const received = (hooks: WebhookReceiver, count: number): Promise<ReceivedWebhook[]> =>
  eventually(
    () => Promise.resolve(hooks.accepted.length >= count ? hooks.accepted : undefined),
    30_000,
    `${count} accepted deliveries`,
  );

const payloadOf = (request: ReceivedWebhook) => JSON.parse(request.body) as WebhookPayload;

describe('webhooks through the SDK', () => {
  it('creates, delivers signed, lists, redelivers, pauses and deletes', async () => {
    const project = uniqueProject();
    const hooks = await receiver();
    const created = await client.webhooks.create({
      url: hooks.url,
      eventTypes: ['ff.target.uploaded'],
      projects: [project],
      description: 'sdk test',
    });
    expect(created).toMatchObject({ enabled: true, projects: [project], description: 'sdk test' });
    expect(created.secret).toMatch(/^whsec_/);
    expect((await client.webhooks.list()).map((w) => w.id)).toContain(created.id);
    expect(await client.webhooks.get(created.id)).not.toHaveProperty('secret');

    const target = await uploadTo(project);
    const [first] = await received(hooks, 1);
    expect(verifyWebhookSignature(created.secret, first!.headers, first!.body)).toBe(true);
    const stranger = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(verifyWebhookSignature(stranger, first!.headers, first!.body)).toBe(false);
    expect(verifyWebhookSignature(created.secret, first!.headers, first!.body.replace(project, 'x'))).toBe(
      false,
    );
    expect(payloadOf(first!)).toMatchObject({
      type: 'ff.target.uploaded',
      project,
      data: { type: 'ff.target.uploaded', data: { targetId: target.id } },
    });

    const deliveryId = String(first!.headers['webhook-id']);
    const page = await eventually(
      async () => {
        const p = await client.webhooks.deliveries(created.id);
        return p.deliveries[0]?.status === 'succeeded' ? p : undefined;
      },
      10_000,
      'the delivery to be recorded as succeeded',
    );
    expect(page.deliveries.map((d) => d.id)).toEqual([deliveryId]);
    expect(page.next).toBeNull();
    expect((await client.webhooks.deliveries(created.id, { status: 'dead-lettered' })).deliveries).toEqual(
      [],
    );
    expect(
      (await client.webhooks.deliveries(created.id, { eventType: 'ff.target.uploaded', limit: 1 }))
        .deliveries,
    ).toHaveLength(1);
    const detail = await client.webhooks.delivery(created.id, deliveryId);
    expect(detail.payload).toEqual(JSON.parse(first!.body));
    expect(detail.attemptLog).toMatchObject([{ attempt: 1, trigger: 'scheduled', outcome: 'succeeded' }]);

    const again = await client.webhooks.redeliver(created.id, deliveryId);
    expect(again.id).toBe(deliveryId);
    const [, second] = await received(hooks, 2);
    expect(second!.headers['webhook-id']).toBe(deliveryId);
    expect(second!.body).toBe(first!.body);
    expect(verifyWebhookSignature(created.secret, second!.headers, second!.body)).toBe(true);
    await eventually(
      async () => {
        const d = await client.webhooks.delivery(created.id, deliveryId);
        return d.attemptLog.length === 2 ? d : undefined;
      },
      10_000,
      'the manual attempt in the log',
    ).then((d) => expect(d.attemptLog[1]).toMatchObject({ trigger: 'manual', outcome: 'succeeded' }));

    const rotated = await client.webhooks.rotateSecret(created.id, { graceSeconds: 600 });
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();
    await client.webhooks.redeliver(created.id, deliveryId);
    const [, , third] = await received(hooks, 3);
    expect(verifyWebhookSignature(rotated.secret, third!.headers, third!.body)).toBe(true);
    expect(verifyWebhookSignature(created.secret, third!.headers, third!.body)).toBe(true);
    expect(await client.webhooks.rotateSecret(created.id, { graceSeconds: 0 })).toMatchObject({
      previousSecretExpiresAt: null,
    });
    await expect(client.webhooks.rotateSecret(created.id, { graceSeconds: -1 })).rejects.toMatchObject({
      status: 400,
      code: 'validation-failed',
    });

    const ping = await client.webhooks.ping(created.id);
    const [, , , pinged] = await received(hooks, 4);
    expect(pinged!.headers['webhook-id']).toBe(ping.deliveryId);
    expect(payloadOf(pinged!)).toMatchObject({ type: 'ff.webhook.ping', data: { id: ping.eventId } });

    const paused = await client.webhooks.update(created.id, { enabled: false });
    expect(paused).toMatchObject({ enabled: false, disabledReason: 'manual' });
    const refused = await client.webhooks.redeliver(created.id, deliveryId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FuzzForgeApiError);
    expect(refused).toMatchObject({ status: 409, code: 'webhook-disabled' });
    expect(await client.webhooks.update(created.id, { enabled: true })).toMatchObject({
      enabled: true,
      disabledReason: null,
    });

    await client.webhooks.delete(created.id);
    await expect(client.webhooks.get(created.id)).rejects.toMatchObject({
      status: 404,
      code: 'webhook-not-found',
    });
  });
});

describe('ff webhooks', () => {
  it('manages a webhook and its deliveries end to end', async () => {
    const project = uniqueProject();
    const hooks = await receiver();
    const created = await runFf(
      'webhooks',
      'create',
      '--url',
      hooks.url,
      '--events',
      'ff.target.uploaded,ff.run.completed',
      '--project',
      project,
      '--description',
      'cli test',
    );
    expect(created.code, created.stderr).toBe(0);
    const [, id, secret] =
      /^Created webhook (wh_\S+) \(enabled; .*\)\.\n\n {2}(whsec_\S+)\n\n.*shown only now/.exec(
        created.stdout,
      ) ?? [];
    expect(id, created.stdout).toBeDefined();

    const table = await runFf('webhooks', 'list');
    expect(table.stdout).toMatch(/^ID\s+STATE\s+EVENTS/);
    expect(table.stdout).toContain(id);
    expect(table.stdout).not.toContain(secret);
    const listed = JSON.parse((await runFf('webhooks', 'list', '--json')).stdout) as WebhookList;
    expect(listed.webhooks.find((w) => w.id === id)).toMatchObject({
      eventTypes: ['ff.target.uploaded', 'ff.run.completed'],
      projects: [project],
      description: 'cli test',
    });
    const shown = await runFf('webhooks', 'show', id!);
    expect(shown.stdout).toContain(`Webhook ${id}: enabled — cli test`);

    await uploadTo(project);
    const [delivered] = await received(hooks, 1);
    expect(verifyWebhookSignature(secret!, delivered!.headers, delivered!.body)).toBe(true);
    const deliveryId = String(delivered!.headers['webhook-id']);

    const page = await eventually(
      async () => {
        const p = JSON.parse(
          (await runFf('webhooks', 'deliveries', id!, '--json')).stdout,
        ) as WebhookDeliveryPage;
        return p.deliveries[0]?.status === 'succeeded' ? p : undefined;
      },
      15_000,
      'the delivery to be recorded as succeeded',
    );
    expect(page.deliveries.map((d) => d.id)).toEqual([deliveryId]);
    const deadLettered = await runFf('webhooks', 'deliveries', id!, '--status', 'dead-lettered');
    expect(deadLettered).toMatchObject({ code: 0, stdout: 'No deliveries.\n' });
    expect(
      (await runFf('webhooks', 'deliveries', id!, '--event-type', 'ff.target.uploaded', '--limit', '5'))
        .stdout,
    ).toMatch(
      new RegExp(`^ID\\s+STATUS.*\\n${deliveryId}\\s+succeeded\\s+ff\\.target\\.uploaded\\s+${project}`),
    );

    const attempts = await runFf('webhooks', 'delivery', id!, deliveryId);
    expect(attempts.code, attempts.stderr).toBe(0);
    expect(attempts.stdout).toContain(
      `Delivery ${deliveryId} of webhook ${id}: succeeded after 1 attempt(s)`,
    );
    expect(attempts.stdout).toMatch(
      /ATTEMPT\s+TRIGGER\s+STARTED\s+DURATION\s+OUTCOME\s+STATUS\s+ERROR\n1\s+scheduled\s+.*succeeded\s+200/,
    );

    expect((await runFf('webhooks', 'disable', id!)).stdout).toContain(`Disabled webhook ${id}`);
    const refused = await runFf('webhooks', 'redeliver', id!, deliveryId);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`Webhook ${id} is disabled`);
    const enabled = JSON.parse((await runFf('webhooks', 'enable', id!, '--json')).stdout) as WebhookView;
    expect(enabled.enabled).toBe(true);
    const redelivered = await runFf('webhooks', 'redeliver', id!, deliveryId);
    expect(redelivered.code, redelivered.stderr).toBe(0);
    const [, second] = await received(hooks, 2);
    expect(second!.headers['webhook-id']).toBe(deliveryId);
    await eventually(
      async () => {
        const d = JSON.parse(
          (await runFf('webhooks', 'delivery', id!, deliveryId, '--json')).stdout,
        ) as WebhookDeliveryDetail;
        return d.attemptLog.some((a) => a.trigger === 'manual' && a.outcome === 'succeeded') ? d : undefined;
      },
      15_000,
      'the manual attempt in the log',
    );

    const rotation = await runFf('webhooks', 'rotate-secret', id!, '--grace', '2h');
    expect(rotation.code, rotation.stderr).toBe(0);
    const [, newSecret] =
      /^New signing secret of webhook \S+:\n\n {2}(whsec_\S+)\n\n/.exec(rotation.stdout) ?? [];
    expect(newSecret, rotation.stdout).toBeDefined();
    expect(rotation.stdout).toContain('The previous secret keeps signing beside it until');
    expect((await runFf('webhooks', 'show', id!)).stdout).toMatch(
      /secret: +rotated .*; the previous one signs too until/,
    );
    expect((await runFf('webhooks', 'rotate-secret', id!, '--grace', 'tomorrow')).stderr).toContain(
      '--grace tomorrow is not a duration',
    );
    expect((await runFf('webhooks', 'rotate-secret', id!, '--grace', '8d')).stderr).toContain('graceSeconds');
    await uploadTo(project);
    const [, , afterRotation] = await received(hooks, 3);
    expect(verifyWebhookSignature(newSecret!, afterRotation!.headers, afterRotation!.body)).toBe(true);
    expect(verifyWebhookSignature(secret!, afterRotation!.headers, afterRotation!.body)).toBe(true);

    const pinged = await runFf('webhooks', 'ping', id!);
    expect(pinged.code, pinged.stderr).toBe(0);
    expect(pinged.stdout).toMatch(new RegExp(`^Pinged webhook ${id}: accepted \\(HTTP 200, \\d+ ms\\)\\.`));
    const [, , , pingRequest] = await received(hooks, 4);
    expect(payloadOf(pingRequest!).type).toBe('ff.webhook.ping');
    expect(verifyWebhookSignature(newSecret!, pingRequest!.headers, pingRequest!.body)).toBe(true);

    expect(await runFf('webhooks', 'delete', id!)).toMatchObject({ code: 0 });
    const gone = await runFf('webhooks', 'show', id!);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`No webhook with id ${id}`);
    expect((await runFf('webhooks', 'deliveries', id!)).code).toBe(2);
  });

  it('pings a receiver that refuses, exiting 3 with what it answered', async () => {
    const failing = await startWebhookReceiver((_req, _n, res) => res.writeHead(503).end('maintenance'));
    receivers.push(failing);
    const webhook = await client.webhooks.create({ url: failing.url, eventTypes: ['ff.run.completed'] });
    const pinged = await runFf('webhooks', 'ping', webhook.id, '--timeout', '20s');
    expect(pinged.code, pinged.stderr).toBe(3);
    expect(pinged.stdout).toContain(`Pinged webhook ${webhook.id}: not accepted: HTTP 503.`);
    expect(pinged.stdout).toContain(`ff webhooks delivery ${webhook.id} msg_`);
    // Retries come fast on the test platform: however many arrived, they are the ping's delivery.
    expect(failing.received.length).toBeGreaterThan(0);
    expect(new Set(failing.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    await client.webhooks.delete(webhook.id);
  });

  it('exits 4 when the key is refused, and 2 on usage errors before calling the API', async () => {
    const badKey = await runFf('webhooks', 'list', '--api-key', 'ffk_wrong');
    expect(badKey.code).toBe(4);
    expect(badKey.stderr).toContain('revoked or expired');
    const typo = await runFf(
      'webhooks',
      'create',
      '--url',
      'http://127.0.0.1:9/x',
      '--events',
      'ff.run.finished',
    );
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('eventTypes.0');
  });
});
