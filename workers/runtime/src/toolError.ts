/** The tool could not be started at all. */
export type ToolErrorCode = 'not-found' | 'spawn-failed';

/** Raised only when the tool never started; a failing tool is reported in `ToolRunResult`. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: ToolErrorCode;

  constructor(code: ToolErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Names why `spawn` failed: a missing command is told apart from every other failure. */
export function spawnFailure(command: string, error: NodeJS.ErrnoException): ToolError {
  if (error.code === 'ENOENT')
    return new ToolError('not-found', `command not found: ${command}`, { cause: error });
  return new ToolError('spawn-failed', `could not start ${command}: ${error.message}`, { cause: error });
}
