import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Problem } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { isTransientError } from '@fuzzforge/platform';
import { ApiError } from './errors';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemResponse(
  c: Context,
  problem: Problem,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify(problem), problem.status as 400, {
    ...headers,
    'content-type': 'application/problem+json',
  });
}

/**
 * Data exceptions a value a request carried into a query can cause: invalid text representation,
 * malformed or out-of-range time, a NUL or untranslatable character. Other class-22 errors (division by
 * zero, numeric overflow…) are bugs of ours and stay 500s.
 */
const refusedValueCodes = new Set(['22P02', '22007', '22008', '22021', '22P05']);

/** Postgres refused a value of the request (a NUL in an id, a cursor whose time is not one): 400. */
const isRefusedValue = (err: Error): boolean => {
  const { code, severity } = err as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && refusedValueCodes.has(code) && typeof severity === 'string';
};

/** The single place where errors become HTTP answers (RFC 9457 problem+json). */
export function onError(log: Logger) {
  return (err: Error, c: Context): Response => {
    const instance = new URL(c.req.url).pathname;
    if (err instanceof ApiError) {
      return problemResponse(
        c,
        {
          type: `https://fuzzforge.dev/problems/${err.code}`,
          title: titles[err.status] ?? 'Error',
          status: err.status,
          detail: err.message,
          instance,
          code: err.code,
          ...(err.errors ? { errors: err.errors } : {}),
        },
        err.headers,
      );
    }
    if (err instanceof HTTPException) {
      return problemResponse(c, {
        type: 'about:blank',
        title: titles[err.status] ?? 'Error',
        status: err.status,
        detail: err.message,
        instance,
        code: 'http-error',
      });
    }
    if (isRefusedValue(err)) {
      log.warn('the database refused a value of the request', { err, path: instance });
      return problemResponse(c, {
        type: 'https://fuzzforge.dev/problems/validation-failed',
        title: titles[400]!,
        status: 400,
        detail: 'A value of the request cannot be stored or looked up (a NUL character, a malformed time).',
        instance,
        code: 'validation-failed',
      });
    }
    if (isTransientError(err)) {
      log.warn('dependency unavailable', { err, path: instance });
      c.header('Retry-After', '5');
      return problemResponse(c, {
        type: 'https://fuzzforge.dev/problems/dependency-unavailable',
        title: titles[503]!,
        status: 503,
        detail:
          'A platform dependency (event store, database or object store) is unavailable; nothing was accepted. Retry shortly.',
        instance,
        code: 'dependency-unavailable',
      });
    }
    log.error('unhandled error', { err, path: instance });
    return problemResponse(c, {
      type: 'https://fuzzforge.dev/problems/internal',
      title: titles[500]!,
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
      instance,
      code: 'internal',
    });
  };
}

export function notFound(c: Context): Response {
  return problemResponse(c, {
    type: 'https://fuzzforge.dev/problems/not-found',
    title: 'Not Found',
    status: 404,
    detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}`,
    code: 'not-found',
  });
}
