export type RebuildErrorCode = 'rebuild-running' | 'stream-incomplete' | 'foreign-tables';

/** Why a rebuild refused to run or to swap; the live read models are untouched when it is thrown. */
export class RebuildError extends Error {
  constructor(
    readonly code: RebuildErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RebuildError';
  }
}
