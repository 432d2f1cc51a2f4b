import type { Problem, RunResponse } from '@fuzzforge/contracts';

/** The API answered with an error: its status and problem+json (`code`, `detail`, field `errors`). */
export class FuzzForgeApiError extends Error {
  override readonly name = 'FuzzForgeApiError';
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? `HTTP ${status}`);
  }

  /** The problem's stable code (`run-not-found`, `insufficient-scope`…). */
  get code(): string | undefined {
    return this.problem.code;
  }
}

/** The API could not be reached at all (refused, reset, DNS, timeout) after every retry. */
export class FuzzForgeConnectionError extends Error {
  override readonly name = 'FuzzForgeConnectionError';
  constructor(
    readonly baseUrl: string,
    cause: unknown,
  ) {
    const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
    const code = inner?.code ?? inner?.message ?? (cause as Error).message;
    super(`cannot reach the FuzzForge API at ${baseUrl} (${code})`, { cause });
  }
}

/** `runs.wait` gave up: the run had not ended within the time it was given (it goes on running). */
export class RunWaitTimeoutError extends Error {
  override readonly name = 'RunWaitTimeoutError';
  constructor(
    readonly run: RunResponse,
    timeoutMs: number,
  ) {
    super(`run ${run.id} is still ${run.status} after ${timeoutMs} ms`);
  }
}
