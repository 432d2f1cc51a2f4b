/**
 * checksum-mismatch: the download was not the target; lock-timeout: another worker process kept the
 * target busy too long; run-in-use: the run already holds the target, here (a caller bug) or in
 * another worker process (an earlier attempt still running); invalid-id: a caller bug. All but
 * invalid-id may succeed on retry.
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
