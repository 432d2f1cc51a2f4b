import { parseArgs } from 'node:util';
import type { z } from 'zod';
import {
  CreateWebhookRequest,
  RotateWebhookSecretRequest,
  WebhookDeliveryQuery,
  type WebhookDeliveryDetail,
  type WebhookView,
} from '@fuzzforge/contracts';
import { printer, when, type Context } from '../context';
import { parseDurationOption } from '../durationOption';
import { exitCodes, onePositional, usageError } from '../exitCodes';
import { formatTable } from '../table';
import { awaitPingAttempt } from '../webhookPingWait';

export const webhooksUsage = `Usage:
  ff webhooks create --url URL --events TYPE[,TYPE...] [--project P ...] [--description TEXT]
                     [--disabled] [--json]
  ff webhooks list [--json]
  ff webhooks show ID [--json]
  ff webhooks enable ID [--json]
  ff webhooks disable ID [--json]
  ff webhooks ping ID [--timeout DURATION] [--json]
  ff webhooks rotate-secret ID [--grace DURATION] [--json]
  ff webhooks delete ID [--json]
  ff webhooks deliveries ID [--status pending|succeeded|dead-lettered] [--event-type TYPE]
                            [--limit N] [--before CURSOR] [--json]
  ff webhooks delivery ID DELIVERY_ID [--json]
  ff webhooks redeliver ID DELIVERY_ID [--json]

Webhooks POST events to a URL, signed per Standard Webhooks (needs an admin key). --events takes
event types (ff.run.finding), families (ff.run.*) or *; --project limits them to those projects.
The signing secret is printed once, at creation. enable re-enables a webhook (also one disabled for
failing) and sends its pending deliveries; redeliver sends one delivery again now. rotate-secret
prints a new signing secret once; the old one keeps signing beside it for --grace (24h by default,
at most 7d; 0 drops it at once, for a leaked secret). ping sends the webhook a signed test delivery
(ff.webhook.ping, whatever its filters) and waits up to --timeout (30s) for its first attempt: exit 0
when the receiver accepted it, 3 when it did not (or made no attempt in time).`;

/** The schema's complaints as a usage error, so a typo fails before any request. */
function checked<S extends z.ZodType>(schema: S, candidate: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || what}: ${i.message}`);
  throw usageError(`The ${what} is invalid:\n${problems.join('\n')}\n\n${webhooksUsage}`);
}

const listOf = (values: readonly string[] | undefined): string[] | undefined =>
  values?.flatMap((v) => v.split(',')).filter(Boolean);

const stateOf = (w: WebhookView): string =>
  w.enabled ? 'enabled' : `disabled (${w.disabledReason ?? 'manual'})`;

const graceNote = (expiresAt: string | null): string => {
  if (!expiresAt) return '';
  const verb = Date.parse(expiresAt) > Date.now() ? 'signs' : 'signed';
  return `; the previous one ${verb} too until ${when(expiresAt)}`;
};

const describe = (w: WebhookView): string =>
  [
    `Webhook ${w.id}: ${stateOf(w)}${w.description ? ` — ${w.description}` : ''}`,
    `  url:       ${w.url}`,
    `  events:    ${w.eventTypes.join(', ')}`,
    `  projects:  ${w.projects?.join(', ') ?? 'all'}`,
    `  created:   ${when(w.createdAt)} by ${w.createdBy ?? '-'}   updated: ${when(w.updatedAt)}`,
    `  last ok:   ${when(w.lastSuccessAt)}   last failure: ${when(w.lastFailureAt)}`,
    `  failures:  ${w.consecutiveFailures} in a row${w.failingSince ? ` since ${when(w.failingSince)}` : ''}`,
    ...(w.disabledAt ? [`  disabled:  ${when(w.disabledAt)}`] : []),
    ...(w.secretRotatedAt
      ? [`  secret:    rotated ${when(w.secretRotatedAt)}${graceNote(w.previousSecretExpiresAt)}`]
      : []),
  ].join('\n');

const webhookRows = (webhooks: readonly WebhookView[]): string =>
  formatTable(
    ['ID', 'STATE', 'EVENTS', 'PROJECTS', 'FAILURES', 'LAST OK', 'URL'],
    webhooks.map((w) => [
      w.id,
      stateOf(w),
      w.eventTypes.join(','),
      w.projects?.join(',') ?? '(all)',
      String(w.consecutiveFailures),
      when(w.lastSuccessAt),
      w.url,
    ]),
  );

const describeDelivery = (d: WebhookDeliveryDetail): string =>
  [
    `Delivery ${d.id} of webhook ${d.webhookId}: ${d.status} after ${d.attempts} attempt(s)`,
    `  event:     ${d.eventType} ${d.eventId} (project ${d.project ?? '-'})`,
    `  created:   ${when(d.createdAt)}   delivered: ${when(d.deliveredAt)}   dead-lettered: ${when(d.deadLetteredAt)}`,
    ...(d.status === 'pending' ? [`  next:      ${when(d.nextAttemptAt)}`] : []),
    '',
    d.attemptLog.length === 0
      ? 'No attempts yet.'
      : formatTable(
          ['ATTEMPT', 'TRIGGER', 'STARTED', 'DURATION', 'OUTCOME', 'STATUS', 'ERROR'],
          d.attemptLog.map((a) => [
            String(a.attempt),
            a.trigger,
            when(a.startedAt),
            `${Math.round(a.durationMs)} ms`,
            a.outcome,
            a.statusCode === null ? '-' : String(a.statusCode),
            (a.error ?? '').replace(/\s+/g, ' ').slice(0, 80),
          ]),
        ),
  ].join('\n');

/** The webhook id and delivery id a delivery command names. */
function twoPositionals(positionals: readonly string[]): [string, string] {
  const [webhookId, deliveryId, ...extra] = positionals;
  if (!webhookId || !deliveryId || extra.length > 0)
    throw usageError(`Name a webhook and one of its deliveries.\n\n${webhooksUsage}`);
  return [webhookId, deliveryId];
}

/** `ff webhooks …`: subscriptions and their delivery log through /v1/webhooks. */
export async function webhooks(args: readonly string[], ctx: Context): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      events: { type: 'string', multiple: true },
      project: { type: 'string', multiple: true },
      description: { type: 'string' },
      disabled: { type: 'boolean' },
      status: { type: 'string' },
      'event-type': { type: 'string' },
      limit: { type: 'string' },
      before: { type: 'string' },
      grace: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const print = printer(ctx, values.json);
  const webhookId = () => onePositional(positionals, 'webhook', webhooksUsage);

  switch (action) {
    case 'create': {
      if (values.url === undefined || values.events === undefined)
        throw usageError(`A webhook needs --url and --events.\n\n${webhooksUsage}`);
      const projects = listOf(values.project);
      const request = checked(
        CreateWebhookRequest,
        {
          url: values.url,
          eventTypes: listOf(values.events) ?? [],
          ...(projects ? { projects } : {}),
          ...(values.description === undefined ? {} : { description: values.description }),
          enabled: !values.disabled,
        },
        'webhook',
      );
      const created = await ctx.client.webhooks.create(request);
      print(
        created,
        `Created webhook ${created.id} (${stateOf(created)}; events: ${created.eventTypes.join(', ')}; projects: ${created.projects?.join(', ') ?? 'all'}).\n\n  ${created.secret}\n\nThis signing secret is shown only now: store it where the receiver verifies deliveries.`,
      );
      return 0;
    }
    case 'list': {
      const list = await ctx.client.webhooks.list();
      print({ webhooks: list }, list.length > 0 ? webhookRows(list) : 'No webhooks.');
      return 0;
    }
    case 'show': {
      const webhook = await ctx.client.webhooks.get(webhookId());
      print(webhook, describe(webhook));
      return 0;
    }
    case 'enable': {
      const webhook = await ctx.client.webhooks.update(webhookId(), { enabled: true });
      print(webhook, `Enabled webhook ${webhook.id}: its pending deliveries go out now.`);
      return 0;
    }
    case 'disable': {
      const webhook = await ctx.client.webhooks.update(webhookId(), { enabled: false });
      print(
        webhook,
        `Disabled webhook ${webhook.id}: nothing is sent, and events are not recorded for it, until ff webhooks enable ${webhook.id}.`,
      );
      return 0;
    }
    case 'ping': {
      const id = webhookId();
      const timeoutMs = parseDurationOption(values.timeout ?? '30', '--timeout') * 1000;
      const ping = await ctx.client.webhooks.ping(id);
      const { verdict, delivery } = await awaitPingAttempt(ctx.client, id, ping.deliveryId, timeoutMs);
      const follow = `ff webhooks delivery ${id} ${ping.deliveryId}`;
      const human =
        verdict.kind === 'no-attempt-yet'
          ? `Pinged webhook ${id}: no attempt within ${timeoutMs / 1000} s. Follow it with ${follow}.`
          : verdict.kind === 'accepted'
            ? `Pinged webhook ${id}: accepted (HTTP ${verdict.attempt.statusCode ?? '-'}, ${Math.round(verdict.attempt.durationMs)} ms).`
            : `Pinged webhook ${id}: not accepted: ${verdict.attempt.error ?? 'no answer'}. It is retried on the usual schedule; ${follow} shows each attempt.`;
      print({ ...ping, verdict: verdict.kind, delivery: delivery ?? null }, human);
      return verdict.kind === 'accepted' ? exitCodes.ok : exitCodes.runFailed;
    }
    case 'rotate-secret': {
      const id = webhookId();
      const rotation = checked(
        RotateWebhookSecretRequest,
        values.grace === undefined ? {} : { graceSeconds: parseDurationOption(values.grace, '--grace') },
        'secret rotation',
      );
      const rotated = await ctx.client.webhooks.rotateSecret(id, rotation);
      const previous = rotated.previousSecretExpiresAt
        ? `The previous secret keeps signing beside it until ${when(rotated.previousSecretExpiresAt)}: switch the receiver over before then.`
        : 'The previous secret no longer signs anything.';
      print(
        rotated,
        `New signing secret of webhook ${rotated.id}:\n\n  ${rotated.secret}\n\nIt is shown only now. ${previous}`,
      );
      return 0;
    }
    case 'delete': {
      const id = webhookId();
      await ctx.client.webhooks.delete(id);
      print({ id, deleted: true }, `Deleted webhook ${id} and its delivery log.`);
      return 0;
    }
    case 'deliveries': {
      const id = webhookId();
      const query = checked(
        WebhookDeliveryQuery,
        {
          status: values.status,
          eventType: values['event-type'],
          limit: values.limit,
          before: values.before,
        },
        'delivery query',
      );
      const page = await ctx.client.webhooks.deliveries(id, query);
      const rows = page.deliveries.map((d) => [
        d.id,
        d.status,
        d.eventType,
        d.project ?? '-',
        String(d.attempts),
        d.lastStatusCode === null ? '-' : String(d.lastStatusCode),
        when(d.createdAt),
        (d.lastError ?? '').replace(/\s+/g, ' ').slice(0, 60),
      ]);
      const more = page.next === null ? '' : `\nMore: ff webhooks deliveries ${id} --before ${page.next}`;
      print(
        page,
        rows.length > 0
          ? `${formatTable(['ID', 'STATUS', 'EVENT', 'PROJECT', 'ATTEMPTS', 'LAST STATUS', 'CREATED', 'LAST ERROR'], rows)}${more}`
          : 'No deliveries.',
      );
      return 0;
    }
    case 'delivery': {
      const delivery = await ctx.client.webhooks.delivery(...twoPositionals(positionals));
      print(delivery, describeDelivery(delivery));
      return 0;
    }
    case 'redeliver': {
      const [id, deliveryId] = twoPositionals(positionals);
      const delivery = await ctx.client.webhooks.redeliver(id, deliveryId);
      print(
        delivery,
        `Delivery ${delivery.id} is due now, on a fresh retry schedule: ff webhooks delivery ${id} ${delivery.id} shows how it goes.`,
      );
      return 0;
    }
    default:
      throw usageError(`${action ? `Unknown action ${action}.\n\n` : ''}${webhooksUsage}`);
  }
}
