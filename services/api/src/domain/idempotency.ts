import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { RunResponse } from '@fuzzforge/contracts';
import { ApiError } from '../errors';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An `Idempotency-Key` header: 1–255 printable ASCII characters, or 400 saying so. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(header)) {
    throw new ApiError('validation-failed', 'The Idempotency-Key header is invalid.', [
      { path: '/headers/idempotency-key', message: '1-255 printable ASCII characters without spaces' },
    ]);
  }
  return header;
}

/**
 * The run id a submission with an Idempotency-Key gets: derived from the caller's key and the header,
 * so a retried submission names the same run (26 Crockford base32 characters, like the ULIDs of runs
 * without one) and two callers' keys never collide.
 */
export function idempotentRunId(apiKeyId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${apiKeyId}\0${idempotencyKey}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 17)) bits = (bits << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 26; i++) {
    id = crockford[Number(bits & 31n)]! + id;
    bits >>= 5n;
  }
  return id;
}

export interface SubmittedRun {
  target: string;
  workflow: string;
  parameters: Record<string, unknown>;
  project: string;
}

/** Whether a run already stored under an idempotency key is the one being submitted again. */
export const isSameSubmission = (existing: RunResponse, again: SubmittedRun): boolean =>
  existing.target === again.target &&
  existing.workflow === again.workflow &&
  existing.project === again.project &&
  isDeepStrictEqual(existing.parameters, again.parameters);
