import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ApiErrorCode =
  | 'validation-failed'
  | 'invalid-json'
  | 'unsupported-media-type'
  | 'unsafe-archive'
  | 'corrupt-archive'
  | 'payload-too-large'
  | 'empty-upload'
  | 'target-not-found'
  | 'workflow-not-found'
  | 'run-not-found'
  | 'run-finished'
  | 'run-not-finished'
  | 'crash-not-found'
  | 'finding-not-found'
  | 'dead-letter-not-found'
  | 'dead-letter-not-replayable'
  | 'unauthorized'
  | 'forbidden'
  | 'insufficient-scope'
  | 'project-forbidden'
  | 'rate-limited'
  | 'api-key-not-found'
  | 'last-admin-key'
  | 'idempotency-key-reused'
  | 'webhook-not-found'
  | 'webhook-delivery-not-found'
  | 'webhook-disabled'
  | 'not-found'
  | 'not-acceptable'
  | 'dependency-unavailable'
  | 'internal';

const statusOf: Record<ApiErrorCode, ContentfulStatusCode> = {
  'validation-failed': 400,
  'invalid-json': 400,
  'empty-upload': 400,
  'unsupported-media-type': 415,
  'unsafe-archive': 422,
  'corrupt-archive': 422,
  'payload-too-large': 413,
  'target-not-found': 404,
  'workflow-not-found': 404,
  'run-not-found': 404,
  'run-finished': 409,
  'run-not-finished': 409,
  'crash-not-found': 404,
  'finding-not-found': 404,
  'dead-letter-not-found': 404,
  'dead-letter-not-replayable': 409,
  unauthorized: 401,
  forbidden: 403,
  'insufficient-scope': 403,
  'project-forbidden': 403,
  'rate-limited': 429,
  'api-key-not-found': 404,
  'last-admin-key': 409,
  'idempotency-key-reused': 409,
  'webhook-not-found': 404,
  'webhook-delivery-not-found': 404,
  'webhook-disabled': 409,
  'not-found': 404,
  'not-acceptable': 406,
  'dependency-unavailable': 503,
  internal: 500,
};

export interface FieldError {
  path: string;
  message: string;
}

/** The one error type of the API; `onError` turns it into problem+json. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  /** Response headers the answer must carry, e.g. `WWW-Authenticate` on 401. */
  readonly headers: Record<string, string>;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly errors?: FieldError[],
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.status = statusOf[code];
    this.headers = options?.headers ?? {};
  }
}
