import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldError } from '../errors';

const fieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message }));

/** A query string checked against its schema: 400 naming every bad field. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success)
    throw new ApiError('validation-failed', 'The query is invalid.', fieldErrors(parsed.error));
  return parsed.data;
}

/**
 * A JSON body checked against its schema: 400 `invalid-json`, or 400 naming every bad field. With
 * `options.empty`, a request without a body stands for that value (an operation whose fields all have
 * defaults).
 */
export async function parseJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  what: string,
  options: { empty?: unknown } = {},
): Promise<z.infer<S>> {
  const text = await c.req.text();
  let json: unknown = options.empty;
  if (text.trim() !== '' || options.empty === undefined) {
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new ApiError('invalid-json', 'The body must be a JSON object.', undefined, { cause: err });
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApiError('validation-failed', `The ${what} is invalid.`, fieldErrors(parsed.error));
  return parsed.data;
}
