import type { WebhookAttemptOutcome } from '@fuzzforge/contracts';
import type { WebhookResult } from './outbound/index';

/** What the delivery log records about one attempt. */
export interface AttemptOutcome {
  outcome: WebhookAttemptOutcome;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
}

/** What is kept of a receiver's answer in the log. */
export const loggedResponseChars = 2048;

/** A 2xx answer is a success; anything else, or no answer, is a failure to retry. */
export function attemptOutcomeOf(result: WebhookResult): AttemptOutcome {
  switch (result.kind) {
    case 'response': {
      const ok = result.status >= 200 && result.status < 300;
      return {
        outcome: ok ? 'succeeded' : 'failed',
        statusCode: result.status,
        error: ok ? null : `HTTP ${result.status}`,
        responseBody: result.body.slice(0, loggedResponseChars),
      };
    }
    case 'refused':
      return {
        outcome: 'refused',
        statusCode: null,
        error: `refused: ${result.reason}`,
        responseBody: null,
      };
    case 'failed':
      return {
        outcome: 'failed',
        statusCode: null,
        error: `${result.code}: ${result.message}`,
        responseBody: null,
      };
  }
}
