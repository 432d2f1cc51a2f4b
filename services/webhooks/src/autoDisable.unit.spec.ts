import { describe, expect, it } from 'vitest';
import { shouldDisable } from './autoDisable';

const policy = { afterFailures: 20, afterMs: 86_400_000 };
const now = new Date('2026-11-29T12:00:00Z');
const since = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);

describe('auto-disable', () => {
  it('disables after enough failures in a row over a long enough time', () => {
    expect(shouldDisable({ consecutiveFailures: 20, failingSince: since(24) }, now, policy)).toBe(true);
    expect(shouldDisable({ consecutiveFailures: 500, failingSince: since(30) }, now, policy)).toBe(true);
  });

  it('keeps a webhook through a burst of failures in a short outage', () => {
    expect(shouldDisable({ consecutiveFailures: 500, failingSince: since(2) }, now, policy)).toBe(false);
  });

  it('keeps a webhook that fails rarely, however long ago it began', () => {
    expect(shouldDisable({ consecutiveFailures: 19, failingSince: since(100) }, now, policy)).toBe(false);
    expect(shouldDisable({ consecutiveFailures: 0, failingSince: null }, now, policy)).toBe(false);
  });
});
