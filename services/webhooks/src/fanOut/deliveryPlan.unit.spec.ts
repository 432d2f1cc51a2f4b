import { describe, expect, it } from 'vitest';
import type { FuzzForgeEvent } from '@fuzzforge/contracts';
import { deliveryIdOf } from '@fuzzforge/platform';
import { planDeliveries, subscriptionWants, type SubscriptionFilter } from './deliveryPlan';
import { projectSourceOf } from './eventProject';

const finding = {
  specversion: '1.0',
  id: 'evt-1',
  type: 'ff.run.finding',
  source: 'worker',
  time: '2026-11-29T12:00:00.000Z',
  subject: 'ff.run.r1.finding',
  datacontenttype: 'application/json',
  version: 'v1',
  data: { runId: 'r1' },
} as unknown as FuzzForgeEvent;

const subscription = (over: Partial<SubscriptionFilter> = {}): SubscriptionFilter => ({
  id: 'wh_1',
  eventTypes: ['*'],
  projects: null,
  createdAt: new Date('2026-11-29T11:00:00Z'),
  ...over,
});

describe('delivery plan', () => {
  it('matches event types exactly, by family or all', () => {
    for (const eventTypes of [['*'], ['ff.run.finding'], ['ff.run.*'], ['ff.target.uploaded', 'ff.run.*']]) {
      expect(subscriptionWants(subscription({ eventTypes }), finding, 'p')).toBe(true);
    }
    for (const eventTypes of [['ff.run.completed'], ['ff.target.*'], ['ff.runs.*']]) {
      expect(subscriptionWants(subscription({ eventTypes }), finding, 'p')).toBe(false);
    }
  });

  it('keeps a project filter to its projects, and away from events of no project', () => {
    expect(subscriptionWants(subscription({ projects: ['p'] }), finding, 'p')).toBe(true);
    expect(subscriptionWants(subscription({ projects: ['q'] }), finding, 'p')).toBe(false);
    expect(subscriptionWants(subscription({ projects: ['p'] }), finding, null)).toBe(false);
    expect(subscriptionWants(subscription(), finding, null)).toBe(true);
  });

  it('sends a ping to the webhook it names only, whatever the filters', () => {
    const ping = {
      ...finding,
      type: 'ff.webhook.ping',
      subject: 'ff.webhooks.ping.wh_1',
      data: { webhookId: 'wh_1', requestedBy: null },
    } as unknown as FuzzForgeEvent;
    expect(
      subscriptionWants(subscription({ eventTypes: ['ff.run.finding'], projects: ['p'] }), ping, null),
    ).toBe(true);
    expect(subscriptionWants(subscription({ id: 'wh_2' }), ping, null)).toBe(false);
    expect(
      planDeliveries({ event: ping, raw: {} }, null, [subscription(), subscription({ id: 'wh_2' })]),
    ).toEqual([expect.objectContaining({ subscriptionId: 'wh_1', eventType: 'ff.webhook.ping' })]);
  });

  it('does not send a new subscription the events from before it existed', () => {
    const late = subscription({ createdAt: new Date('2026-11-29T12:00:00.001Z') });
    expect(subscriptionWants(late, finding, 'p')).toBe(false);
  });

  it('plans one delivery per wanting subscription, with stable ids and the event as published', () => {
    const raw = { ...(finding as unknown as Record<string, unknown>), extra: 'kept' };
    const plan = planDeliveries({ event: finding, raw }, 'p', [
      subscription(),
      subscription({ id: 'wh_2', eventTypes: ['ff.run.completed'] }),
      subscription({ id: 'wh_3' }),
    ]);
    expect(plan.map((d) => d.id)).toEqual([deliveryIdOf('wh_1', 'evt-1'), deliveryIdOf('wh_3', 'evt-1')]);
    expect(deliveryIdOf('wh_1', 'evt-1')).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(deliveryIdOf('wh_1', 'evt-1')).not.toBe(deliveryIdOf('wh_3', 'evt-1'));
    expect(JSON.parse(plan[0]!.body)).toEqual({
      type: 'ff.run.finding',
      timestamp: '2026-11-29T12:00:00.000Z',
      project: 'p',
      data: raw,
    });
  });

  it("finds an event's project in the event, or through its run", () => {
    expect(projectSourceOf(finding)).toEqual({ runId: 'r1' });
    const upload = {
      ...finding,
      type: 'ff.target.uploaded',
      data: { targetId: 't' },
    } as unknown as FuzzForgeEvent;
    expect(projectSourceOf(upload)).toEqual({ project: 'default' });
    const disabled = { ...finding, type: 'ff.webhook.disabled', data: {} } as unknown as FuzzForgeEvent;
    expect(projectSourceOf(disabled)).toEqual({ project: null });
  });
});
