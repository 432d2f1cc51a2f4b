/** What went wrong while provisioning or starting the local stack; `hint` is the fix, in one line. */
export type StackErrorCode =
  'prerequisite-missing' | 'registry-unreachable' | 'already-running' | 'start-failed' | 'health-timeout';

export class StackError extends Error {
  override readonly name = 'StackError';

  constructor(
    readonly code: StackErrorCode,
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
