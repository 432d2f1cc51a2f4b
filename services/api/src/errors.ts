import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ApiErrorCode =
  | 'validation-failed'
  | 'invalid-json'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'empty-upload'
  | 'target-not-found'
  | 'workflow-not-found'
  | 'run-not-found'
  | 'not-found'
  | 'not-acceptable'
  | 'dependency-unavailable'
  | 'internal';

const statusOf: Record<ApiErrorCode, ContentfulStatusCode> = {
  'validation-failed': 400,
  'invalid-json': 400,
  'empty-upload': 400,
  'unsupported-media-type': 415,
  'payload-too-large': 413,
  'target-not-found': 404,
  'workflow-not-found': 404,
  'run-not-found': 404,
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
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly errors?: FieldError[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.status = statusOf[code];
  }
}
