/**
 * checksum-mismatch: the download was not the target; lock-timeout: another worker process kept the
 * target busy too long (both retryable); the others are caller bugs.
 */
export type CacheErrorCode = 'checksum-mismatch' | 'lock-timeout' | 'invalid-id' | 'run-in-use';

/** A cache request that cannot be served as asked. */
export class CacheError extends Error {
  override readonly name = 'CacheError';
  readonly code: CacheErrorCode;

  constructor(code: CacheErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
