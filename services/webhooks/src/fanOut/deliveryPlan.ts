import { webhookWants, type FuzzForgeEvent, type WebhookPayload } from '@fuzzforge/contracts';
import { deliveryIdOf } from '@fuzzforge/platform';

/** What fan-out needs to know of a subscription. */
export interface SubscriptionFilter {
  id: string;
  eventTypes: readonly string[];
  /** null: every project, and events that belong to none. */
  projects: readonly string[] | null;
  createdAt: Date;
}

/** One event as fan-out sees it: parsed, and as published (unknown fields kept for receivers). */
export interface FannedEvent {
  event: FuzzForgeEvent;
  raw: Record<string, unknown>;
  /** The trace its deliveries join (its processing span's traceparent). */
  traceparent?: string;
}

/** A delivery to create: derived from (subscription, event), so planning one twice plans the same. */
export interface PlannedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  project: string | null;
  body: string;
  traceparent: string | null;
}

/**
 * Whether a subscription wants an event: its type passes the filter, its project is one of the
 * subscription's (a project filter never matches an event of no project), and it happened after the
 * subscription was made (a subscription is not sent the history it was created after). A ping is for
 * the webhook it names, and for no other, whatever the filters.
 */
export function subscriptionWants(
  s: SubscriptionFilter,
  event: FuzzForgeEvent,
  project: string | null,
): boolean {
  if (event.type === 'ff.webhook.ping') return event.data.webhookId === s.id;
  if (!webhookWants(s.eventTypes, event.type)) return false;
  if (s.projects && (project === null || !s.projects.includes(project))) return false;
  return Date.parse(event.time) >= s.createdAt.getTime();
}

/** The body of every attempt of one delivery: built once, so every attempt sends the same bytes. */
export function payloadOf(fanned: FannedEvent, project: string | null): string {
  const payload: WebhookPayload = {
    type: fanned.event.type,
    timestamp: fanned.event.time,
    project,
    data: fanned.raw,
  };
  return JSON.stringify(payload);
}

/** The deliveries one event makes, given the subscriptions that exist and the event's project. */
export function planDeliveries(
  fanned: FannedEvent,
  project: string | null,
  subscriptions: readonly SubscriptionFilter[],
): PlannedDelivery[] {
  const wanting = subscriptions.filter((s) => subscriptionWants(s, fanned.event, project));
  if (wanting.length === 0) return [];
  const body = payloadOf(fanned, project);
  return wanting.map((s) => ({
    id: deliveryIdOf(s.id, fanned.event.id),
    subscriptionId: s.id,
    eventId: fanned.event.id,
    eventType: fanned.event.type,
    project,
    body,
    traceparent: fanned.traceparent ?? null,
  }));
}
