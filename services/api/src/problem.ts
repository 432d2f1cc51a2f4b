import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Problem } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { ApiError } from './errors';

const titles: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemResponse(c: Context, problem: Problem): Response {
  return c.body(JSON.stringify(problem), problem.status as 400, {
    'content-type': 'application/problem+json',
  });
}

/** The single place where errors become HTTP answers (RFC 9457 problem+json). */
export function onError(log: Logger) {
  return (err: Error, c: Context): Response => {
    const instance = new URL(c.req.url).pathname;
    if (err instanceof ApiError) {
      return problemResponse(c, {
        type: `https://fuzzforge.dev/problems/${err.code}`,
        title: titles[err.status] ?? 'Error',
        status: err.status,
        detail: err.message,
        instance,
        code: err.code,
        ...(err.errors ? { errors: err.errors } : {}),
      });
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
