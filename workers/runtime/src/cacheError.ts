/** checksum-mismatch: the download was not the target (retryable); the others are caller bugs. */
export type CacheErrorCode = 'checksum-mismatch' | 'invalid-id' | 'run-in-use';

/** A cache request that cannot be served as asked. */
export class CacheError extends Error {
  override readonly name = 'CacheError';
  readonly code: CacheErrorCode;

  constructor(code: CacheErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
