import { ApiError } from '../errors';

/** True when a string anywhere in `value` (object keys included) holds a NUL character. Pure. */
export function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, v]) => key.includes('\u0000') || holdsNul(v));
  }
  return false;
}

/**
 * Refuses client text with a NUL character before it goes into an event: Postgres can store it in
 * neither text nor jsonb, so the projector would park the event in the dead-letter stream and the
 * accepted request would never show.
 */
export function refuseNul(value: unknown, what: string): void {
  if (holdsNul(value)) {
    throw new ApiError('validation-failed', `The ${what} holds a NUL character, which cannot be stored.`, [
      { path: '/', message: 'text must not contain NUL (U+0000)' },
    ]);
  }
}

/** A client-given name without control characters (NUL, line breaks, escapes). Pure. */
export const withoutControlCharacters = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  text.replace(/[\u0000-\u001f\u007f]/g, '');
