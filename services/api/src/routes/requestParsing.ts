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

/** A JSON body checked against its schema: 400 `invalid-json`, or 400 naming every bad field. */
export async function parseJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  what: string,
): Promise<z.infer<S>> {
  const json: unknown = await c.req.json().catch((err: unknown) => {
    throw new ApiError('invalid-json', 'The body must be a JSON object.', undefined, { cause: err });
  });
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApiError('validation-failed', `The ${what} is invalid.`, fieldErrors(parsed.error));
  return parsed.data;
}
