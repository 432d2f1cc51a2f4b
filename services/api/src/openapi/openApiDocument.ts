import { z } from 'zod';
import type {
  ApiOperation,
  BodySchema,
  JsonSchema,
  ParameterSpec,
  RequestBodySpec,
  ResponseSpec,
} from './apiOperation';
import { malformedParameterResponse, securedResponses, unavailableResponse } from './responses';

/** What a request needs: an API key's scope, or nothing (probes and docs). */
export type Access = 'read' | 'submit' | 'admin' | 'public';

export interface DocumentOptions {
  title: string;
  version: string;
  description: string;
  /** Named body schemas, listed under components/schemas (see components.ts). */
  namedSchemas: ReadonlyArray<readonly [string, z.ZodType]>;
  /** The scope the auth middleware requires for a method and path: the document says the same. */
  accessOf: (method: string, path: string) => Access;
  tags: ReadonlyArray<{ name: string; description: string }>;
}

/** An OpenAPI 3.1 document as plain JSON. */
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

/** The answers many operations share, written once under components/responses. */
const sharedResponses: Record<string, { status: number; response: ResponseSpec }> = {
  MalformedParameter: { status: 400, response: malformedParameterResponse },
  Unauthorized: { status: 401, response: securedResponses[401]! },
  Forbidden: { status: 403, response: securedResponses[403]! },
  RateLimited: { status: 429, response: securedResponses[429]! },
  Unavailable: { status: 503, response: unavailableResponse },
};
const securedRefs = ['Unauthorized', 'Forbidden', 'RateLimited'];

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const isZod = (schema: BodySchema): schema is z.ZodType => schema instanceof z.ZodType;
const mapValues = <T, U>(record: Record<string, T>, f: (value: T, key: string) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value, key)]));

/**
 * Every zod body schema of the document, converted in one pass per direction so that they refer to each
 * other by `$ref`: responses as the API writes them (`io: output`, closed objects), request bodies as a
 * client may send them (`io: input`, fields with defaults optional).
 */
class SchemaComponents {
  private readonly names = new Map<z.ZodType, string>();
  private readonly io = new Map<string, 'input' | 'output'>();

  constructor(named: DocumentOptions['namedSchemas']) {
    for (const [name, schema] of named) this.names.set(schema, name);
  }

  /** A body schema: a `$ref` to its component (named `fallback` unless components.ts names it). */
  body(schema: BodySchema, io: 'input' | 'output', fallback: string): JsonSchema {
    if (!isZod(schema)) return schema;
    const name = this.names.get(schema) ?? fallback;
    this.names.set(schema, name);
    const seen = this.io.get(name);
    if (seen && seen !== io) throw new Error(`schema ${name} is used both as a request and a response body`);
    this.io.set(name, io);
    return { $ref: `#/components/schemas/${name}` };
  }

  build(): Record<string, JsonSchema> {
    const schemas: Record<string, JsonSchema> = {};
    for (const io of ['output', 'input'] as const) {
      const registry = z.registry<{ id: string }>();
      for (const [schema, name] of this.names)
        if (this.io.get(name) === io) registry.add(schema, { id: name });
      const converted = z.toJSONSchema(registry, {
        io,
        uri: (id) => `#/components/schemas/${id}`,
        unrepresentable: 'any',
      }).schemas;
      for (const [name, schema] of Object.entries(converted)) {
        const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
        schemas[name] = rest;
      }
    }
    return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** A parameter; its zod schema's `.describe()` becomes the parameter's description. */
function parameterObject(p: ParameterSpec): JsonSchema {
  const {
    $schema: _dialect,
    description,
    ...schema
  } = z.toJSONSchema(p.schema, {
    io: 'input',
    unrepresentable: 'any',
  });
  const text = p.description ?? description;
  return {
    name: p.name,
    in: p.in,
    ...(text ? { description: text } : {}),
    required: p.in === 'path' || (p.required ?? false),
    schema,
  };
}

function requestBodyObject(b: RequestBodySpec, schemas: SchemaComponents, name: string): JsonSchema {
  return {
    description: b.description,
    required: b.required,
    content: mapValues(b.content, (schema, mediaType) => ({
      schema: schemas.body(schema, 'input', name),
      ...(b.encoding?.[mediaType] ? { encoding: b.encoding[mediaType] } : {}),
    })),
  };
}

function responseObject(r: ResponseSpec, schemas: SchemaComponents, name: string): JsonSchema {
  return {
    description: r.description,
    ...(r.headers ? { headers: r.headers } : {}),
    ...(r.content
      ? { content: mapValues(r.content, (schema) => ({ schema: schemas.body(schema, 'output', name) })) }
      : {}),
  };
}

/** Builds the OpenAPI 3.1 document of `operations`. Pure: the same registry gives the same document. */
export function buildOpenApiDocument(
  operations: readonly ApiOperation[],
  options: DocumentOptions,
): OpenApiDocument {
  const schemas = new SchemaComponents(options.namedSchemas);
  const paths: Record<string, Record<string, unknown>> = {};
  const ids = new Set<string>();

  for (const op of operations) {
    if (ids.has(op.operationId)) throw new Error(`duplicate operationId ${op.operationId}`);
    ids.add(op.operationId);
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`${op.method.toUpperCase()} ${op.path} is registered twice`);
    const access = options.accessOf(op.method.toUpperCase(), op.path);
    const name = capitalised(op.operationId);

    // Every API key is looked up in the database, so any secured operation can meet an outage.
    const touchesDependencies = access !== 'public' || !op.noDependencies;
    const looksUpParameters = !op.noDependencies && (op.parameters ?? []).some((p) => p.in !== 'header');
    const shared = [
      ...(looksUpParameters ? ['MalformedParameter'] : []),
      ...(access === 'public' ? [] : securedRefs),
      ...(touchesDependencies ? ['Unavailable'] : []),
    ];
    const responses: [string, JsonSchema][] = [
      ...shared
        .filter((ref) => !(sharedResponses[ref]!.status in op.responses))
        .map((ref): [string, JsonSchema] => [
          String(sharedResponses[ref]!.status),
          { $ref: `#/components/responses/${ref}` },
        ]),
      ...Object.entries(op.responses).map(([status, r]): [string, JsonSchema] => [
        status,
        responseObject(r, schemas, `${name}${status}`),
      ]),
    ].sort(([a], [b]) => Number(a) - Number(b));

    item[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      ...(op.parameters?.length ? { parameters: op.parameters.map(parameterObject) } : {}),
      ...(op.requestBody
        ? { requestBody: requestBodyObject(op.requestBody, schemas, `${name}Request`) }
        : {}),
      responses: Object.fromEntries(responses),
      ...(access === 'public' ? { security: [] } : { 'x-required-scope': access }),
    };
  }

  const responses = mapValues(sharedResponses, ({ response }, ref) => responseObject(response, schemas, ref));
  return {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version, description: options.description },
    tags: options.tags,
    security: [{ apiKey: [] }],
    paths,
    components: {
      schemas: schemas.build(),
      responses,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key as `Authorization: Bearer <key>`. Keys carry scopes (`read`, `submit`, `admin`); each operation names the one it needs in `x-required-scope`.',
        },
      },
    },
  };
}
