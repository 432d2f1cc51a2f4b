import type { z } from 'zod';
import { Problem } from '@fuzzforge/contracts';
import type { BodySchema, HeaderSpec, ResponseSpec } from './apiOperation';

/** Media type of every error answer (RFC 9457), made in one place: problem.ts. */
export const problemMediaType = 'application/problem+json';

export const json = (
  description: string,
  schema: z.ZodType,
  headers?: Record<string, HeaderSpec>,
): ResponseSpec => ({
  description,
  content: { 'application/json': schema },
  ...(headers ? { headers } : {}),
});

/** A problem+json answer; `description` says which `code`s it carries and when. */
export const problem = (description: string, headers?: Record<string, HeaderSpec>): ResponseSpec => ({
  description,
  content: { [problemMediaType]: Problem },
  ...(headers ? { headers } : {}),
});

export const content = (
  description: string,
  bodies: Record<string, BodySchema>,
  headers?: Record<string, HeaderSpec>,
): ResponseSpec => ({ description, content: bodies, ...(headers ? { headers } : {}) });

/** Where the created (or accepted) resource can be read. */
export const locationHeader: Record<string, HeaderSpec> = {
  Location: {
    description: 'Path of the resource this request created.',
    required: true,
    schema: { type: 'string' },
  },
};

const retryAfter = (required: boolean): HeaderSpec => ({
  description: 'Seconds to wait before retrying.',
  required,
  schema: { type: 'string', pattern: '^[0-9]+$' },
});

/** The answers the builder adds to an operation that needs an API key. */
export const securedResponses: Record<number, ResponseSpec> = {
  401: problem('`unauthorized`: no API key was sent, or it is unknown, revoked or expired.', {
    'WWW-Authenticate': {
      description: 'The Bearer challenge (RFC 6750).',
      required: true,
      schema: { type: 'string', pattern: '^Bearer ' },
    },
  }),
  403: problem(
    "`insufficient-scope`: the key lacks this operation's scope (`x-required-scope`); `project-forbidden`: the key is limited to other projects.",
  ),
  429: problem("`rate-limited`: the key's token bucket is empty.", { 'Retry-After': retryAfter(true) }),
};

/** The answer of any operation that touched a platform dependency while it was down. */
export const unavailableResponse: ResponseSpec = problem(
  '`dependency-unavailable`: the event store, database or object store is unavailable; nothing was changed.',
  { 'Retry-After': retryAfter(false) },
);

export const validationProblem = (what: string): ResponseSpec =>
  problem(`\`validation-failed\`: ${what}; \`errors\` names each bad field.`);

export const tooLarge = problem('`payload-too-large`: the request body is over the limit.');

/** Any parameter can carry what no stored value can hold (a NUL character): refused, never a 500. */
export const malformedParameterResponse = problem(
  '`validation-failed`: a parameter holds a value that cannot be looked up (a NUL character, say).',
);
