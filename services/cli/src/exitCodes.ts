/** What `ff` exits with; scripts and CI pipelines branch on these. */
export const exitCodes = {
  ok: 0,
  /** Findings at or above --fail-on (the run commands). */
  findings: 1,
  /** The command line is wrong: unknown command, missing or bad flag. */
  usage: 2,
  /** A run failed or was cancelled. */
  runFailed: 3,
  /** The API cannot be reached, or refused the key. */
  unreachable: 4,
  /** Ctrl-C while waiting for a run (the shell's 128 + SIGINT); the run itself goes on. */
  interrupted: 130,
} as const;

/** An error the CLI reports as one message (saying what to do next) and an exit code, without a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string): CliError => new CliError(message, exitCodes.usage);

/** The one positional argument a command takes (an id, a name), or a usage error naming it. */
export function onePositional(positionals: readonly string[], what: string, usage: string): string {
  const [value, ...extra] = positionals;
  if (!value || extra.length > 0) throw usageError(`Name one ${what}.\n\n${usage}`);
  return value;
}
