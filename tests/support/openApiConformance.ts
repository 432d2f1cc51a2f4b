import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { anonymousFetch } from './apiKey';

type Json = Record<string, unknown>;
interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema: Json }>;
  headers?: Record<string, { required?: boolean; schema: Json }>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; responses: Record<string, ResponseObject> };
}

const mediaTypeOf = (header: string | null): string => (header ?? '').split(';')[0]!.trim().toLowerCase();
const isJson = (mediaType: string): boolean =>
  mediaType === 'application/json' || mediaType.endsWith('+json');

/**
 * Checks real answers of the API against its OpenAPI document: the status is documented for the
 * operation, the Content-Type is one documented for that status, a JSON body validates against the
 * schema (JSON Schema 2020-12, with ajv) and the required headers are there and match theirs.
 */
export class OpenApiConformance {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly compiled = new Map<Json, ValidateFunction>();
  private readonly defs: Json;

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    // Component refs become $defs refs, so each schema compiles with everything it refers to.
    this.defs = JSON.parse(
      JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    ) as Json;
  }

  private validator(schema: Json): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      const local = JSON.parse(
        JSON.stringify(schema).replaceAll('#/components/schemas/', '#/$defs/'),
      ) as Json;
      validate = this.ajv.compile({ ...local, $defs: this.defs });
      this.compiled.set(schema, validate);
    }
    return validate;
  }

  /** The ways an answer departs from the document; empty when it conforms. Pure. */
  violations(method: string, pathTemplate: string, status: number, headers: Headers, text: string): string[] {
    const op = this.document.paths[pathTemplate]?.[method.toLowerCase()];
    if (!op) return [`${method} ${pathTemplate} is not in the document`];
    let response = op.responses[String(status)] ?? op.responses['default'];
    if (!response)
      return [`status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`];
    if (response.$ref) response = this.document.components.responses[response.$ref.split('/').pop()!]!;

    const problems: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const value = headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`required header ${name} is missing`);
        continue;
      }
      const matches: boolean = this.validator(header.schema)(value);
      if (!matches) problems.push(`header ${name}: "${headers.get(name)}" does not match its schema`);
    }

    const documented = Object.keys(response.content ?? {});
    if (documented.length === 0) {
      if (text.length > 0) problems.push('a body was sent where none is documented');
      return problems;
    }
    const mediaType = mediaTypeOf(headers.get('content-type'));
    const content = response.content?.[mediaType];
    if (!content) {
      problems.push(
        `Content-Type ${mediaType || '(none)'} is not documented (documented: ${documented.join(', ')})`,
      );
      return problems;
    }
    if (!isJson(mediaType)) return problems;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [...problems, `the ${mediaType} body is not JSON: ${text.slice(0, 200)}`];
    }
    const validate = this.validator(content.schema);
    if (!validate(body)) {
      problems.push(
        `the body does not match its schema: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`,
      );
    }
    return problems;
  }
}

/** The running API's own document, fetched without a key (it is public). */
export async function fetchOpenApiConformance(api: string): Promise<OpenApiConformance> {
  const res = await anonymousFetch(`${api}/openapi.json`);
  if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}: ${await res.text()}`);
  return new OpenApiConformance((await res.json()) as OpenApiDocument);
}
