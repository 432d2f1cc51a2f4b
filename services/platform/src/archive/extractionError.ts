/**
 * Why an archive was refused. 'compression-ratio' is only judged at upload time (the API): a worker
 * bounds what it writes, not how small the archive that produced it was.
 */
export type ExtractionErrorCode =
  | 'too-many-entries'
  | 'too-large'
  | 'compression-ratio'
  | 'name-too-long'
  | 'path-escape'
  | 'link-escape'
  | 'corrupt-archive';

/** The archive itself is unacceptable: retrying cannot help. I/O faults (ENOSPC...) are thrown as they are. */
export class ExtractionError extends Error {
  override readonly name = 'ExtractionError';
  readonly code: ExtractionErrorCode;
  /** The offending entry's name as the archive spells it, when one entry is to blame. */
  readonly entry: string | undefined;

  constructor(code: ExtractionErrorCode, message: string, options?: ErrorOptions & { entry?: string }) {
    super(message, options);
    this.code = code;
    this.entry = options?.entry;
  }
}

/** Errors that say something about the machine, not the archive; they stay retryable. */
const ENVIRONMENT_ERRORS = new Set([
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'EMFILE',
  'ENFILE',
  'ENOMEM',
  'EROFS',
  'EACCES',
]);

/** Passes refusals and machine faults through as they are; anything else the reader hit means a corrupt archive. */
export function asExtractionError(error: unknown): unknown {
  if (error instanceof ExtractionError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && ENVIRONMENT_ERRORS.has(code)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ExtractionError('corrupt-archive', `corrupt archive: ${message}`, { cause: error });
}
