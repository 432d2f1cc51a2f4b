import { describe, expect, it } from 'vitest';
import { attemptOutcomeOf, loggedResponseChars } from './attemptOutcome';

const response = (status: number, body = '') =>
  ({
    kind: 'response',
    status,
    finalUrl: 'https://x/',
    redirects: 0,
    body,
    truncated: false,
    durationMs: 3,
  }) as const;

describe('attempt outcome', () => {
  it('counts only a 2xx answer as delivered', () => {
    expect(attemptOutcomeOf(response(204)).outcome).toBe('succeeded');
    expect(attemptOutcomeOf(response(299)).outcome).toBe('succeeded');
    for (const status of [301, 400, 410, 500]) {
      expect(attemptOutcomeOf(response(status))).toMatchObject({
        outcome: 'failed',
        error: `HTTP ${status}`,
      });
    }
  });

  it('keeps the start of the answer for the log', () => {
    const logged = attemptOutcomeOf(response(500, 'x'.repeat(10_000)));
    expect(logged.responseBody).toHaveLength(loggedResponseChars);
  });

  it('says why nothing was sent, or why nothing came back', () => {
    expect(
      attemptOutcomeOf({
        kind: 'refused',
        url: 'http://169.254.169.254/',
        reason: '169.254.169.254 is cloud metadata',
      }),
    ).toEqual({
      outcome: 'refused',
      statusCode: null,
      error: 'refused: 169.254.169.254 is cloud metadata',
      responseBody: null,
    });
    expect(
      attemptOutcomeOf({
        kind: 'failed',
        code: 'timeout',
        message: 'no complete response within 15000 ms',
        url: 'https://x/',
      }),
    ).toMatchObject({ outcome: 'failed', error: 'timeout: no complete response within 15000 ms' });
  });
});
