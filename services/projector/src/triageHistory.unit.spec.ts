import { describe, expect, it } from 'vitest';
import { deriveTriage, type RunSighting, type TriageDecision } from './triageHistory';

const decision = (
  at: string,
  status: TriageDecision['status'],
  comment: string | null = null,
): TriageDecision => ({
  eventId: `fnd_x.triaged.${at}`,
  status,
  comment,
  triagedBy: 'key_1',
  at,
});
const run = (id: string, requestedAt: string): RunSighting => ({ run: id, requestedAt });

describe('deriveTriage', () => {
  it('leaves an untriaged finding open, whatever runs report it', () => {
    expect(deriveTriage([], [run('r1', '2026-01-01T00:00:00.000Z')])).toEqual({
      status: 'open',
      history: [],
    });
  });

  it('keeps the latest decision, with every decision in the history', () => {
    const derived = deriveTriage(
      [
        decision('2026-01-02T00:00:00.000Z', 'accepted_risk', 'test key'),
        decision('2026-01-01T00:00:00.000Z', 'false_positive'),
      ],
      [],
    );
    expect(derived.status).toBe('accepted_risk');
    expect(derived.history.map((h) => [h.kind, h.status, h.comment])).toEqual([
      ['triage', 'false_positive', null],
      ['triage', 'accepted_risk', 'test key'],
    ]);
  });

  it('keeps a suppressed finding suppressed when later runs report it again', () => {
    const derived = deriveTriage(
      [decision('2026-01-01T00:00:00.000Z', 'false_positive')],
      [run('r2', '2026-01-02T00:00:00.000Z'), run('r3', '2026-01-03T00:00:00.000Z')],
    );
    expect(derived.status).toBe('false_positive');
    expect(derived.history).toHaveLength(1);
  });

  it('reopens a finding triaged fixed when a run requested later reports it (a regression)', () => {
    const derived = deriveTriage(
      [decision('2026-01-02T00:00:00.000Z', 'fixed')],
      [run('r1', '2026-01-01T00:00:00.000Z'), run('r3', '2026-01-03T00:00:00.000Z')],
    );
    expect(derived.status).toBe('open');
    expect(derived.history).toEqual([
      expect.objectContaining({ kind: 'triage', status: 'fixed' }),
      {
        kind: 'regression',
        status: 'open',
        comment: 'reported again by run r3 after it was triaged fixed',
        triagedBy: null,
        at: '2026-01-03T00:00:00.000Z',
        run: 'r3',
      },
    ]);
  });

  it('does not reopen for a run requested before (or at the instant of) the fix decision', () => {
    const at = '2026-01-02T00:00:00.000Z';
    const derived = deriveTriage(
      [decision(at, 'fixed')],
      [run('r1', '2026-01-01T00:00:00.000Z'), run('r2', '2026-01-02T00:00:00.000+00:00')],
    );
    expect(derived.status).toBe('fixed');
    expect(derived.history).toHaveLength(1);
  });

  it('records one regression per fix: later runs of an already reopened finding change nothing', () => {
    const derived = deriveTriage(
      [decision('2026-01-02T00:00:00.000Z', 'fixed'), decision('2026-01-05T00:00:00.000Z', 'fixed')],
      [
        run('r3', '2026-01-03T00:00:00.000Z'),
        run('r4', '2026-01-04T00:00:00.000Z'),
        run('r6', '2026-01-06T00:00:00.000Z'),
      ],
    );
    expect(derived.status).toBe('open');
    expect(derived.history.map((h) => `${h.kind}:${h.status}:${h.run ?? ''}`)).toEqual([
      'triage:fixed:',
      'regression:open:r3',
      'triage:fixed:',
      'regression:open:r6',
    ]);
  });

  it('derives the same from the facts in any order (as a rebuild replays them)', () => {
    const decisions = [
      decision('2026-01-02T00:00:00.000Z', 'fixed'),
      decision('2026-01-04T00:00:00.000Z', 'accepted_risk'),
    ];
    const sightings = [run('r3', '2026-01-03T00:00:00.000Z'), run('r5', '2026-01-05T00:00:00.000Z')];
    const expected = deriveTriage(decisions, sightings);
    expect(expected.status).toBe('accepted_risk');
    expect(deriveTriage([...decisions].reverse(), [...sightings].reverse())).toEqual(expected);
  });
});
