import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';

/** Default bound of a JSON request body: run requests and admin actions are small. */
export const defaultMaxJsonBytes = 1024 * 1024;

/**
 * Refuses request bodies over `maxBytes` with a 413 problem, counting what is really sent (not only
 * Content-Length), before a handler parses them. Uploads have their own, larger bound.
 */
export const jsonBodyLimit = (maxBytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload-too-large', `Request bodies here are limited to ${maxBytes} bytes.`);
    },
  });
