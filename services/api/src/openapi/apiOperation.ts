import type { z } from 'zod';

/** A JSON Schema (2020-12) written by hand, for what zod does not describe (binary bodies, SSE). */
export type JsonSchema = Record<string, unknown>;

/** A body's schema: a zod schema (converted for the document) or a hand-written JSON Schema. */
export type BodySchema = z.ZodType | JsonSchema;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  /** Defaults to the schema's `.describe()`. */
  description?: string;
  /** Query and header parameters are optional unless said otherwise; path parameters never are. */
  required?: boolean;
  schema: z.ZodType;
}

export interface HeaderSpec {
  description: string;
  required: boolean;
  schema: JsonSchema;
}

export interface ResponseSpec {
  description: string;
  /** Media type → body schema; absent for an answer without a body. */
  content?: Record<string, BodySchema>;
  headers?: Record<string, HeaderSpec>;
}

export interface RequestBodySpec {
  description: string;
  required: boolean;
  content: Record<string, BodySchema>;
  /** OpenAPI `encoding` of multipart fields, by media type. */
  encoding?: Record<string, Record<string, { contentType: string }>>;
}

/**
 * One operation the API serves, as the OpenAPI document describes it: everything about it sits in this
 * entry, so adding a route to the document is adding one of these to the registry (`operations.ts`).
 * The builder adds the shared answers: 401/403/429 when the route needs an API key, 503 when it touches
 * a dependency, and a 400 for a parameter no stored value can match (a NUL character).
 */
export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI style: `/v1/runs/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  parameters?: ParameterSpec[];
  requestBody?: RequestBodySpec;
  /** Every status the route itself answers with; one given here replaces the builder's shared one. */
  responses: Record<number, ResponseSpec>;
  /** The route answers without touching a dependency, so it never says 503. */
  noDependencies?: boolean;
}

/** A path parameter: always required. */
export const pathParam = (name: string, description: string, schema: z.ZodType): ParameterSpec => ({
  name,
  in: 'path',
  description,
  required: true,
  schema,
});

/** Every property of a zod object as a query parameter, required only where the object requires it. */
export const queryParams = (object: z.ZodObject): ParameterSpec[] =>
  Object.entries(object.shape as Record<string, z.ZodType>).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !schema.safeParse(undefined).success,
    schema,
  }));
