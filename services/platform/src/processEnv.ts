import type { z } from 'zod';

/** The exit code of a process that refuses its configuration (EX_CONFIG, sysexits.h): restarting it cannot help. */
export const configurationExitCode = 78;

/** Each problem of a refused environment as `VARIABLE: what is wrong`, never the value itself. Pure. */
export function configurationProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
}

/**
 * A process's environment checked against its schema. When it does not fit, the process says which
 * variables are wrong on stderr and exits with `configurationExitCode`, which tells the supervisor
 * (deploy/local) to stop instead of restarting it in a loop.
 */
export function parseProcessEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  processName: string,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = configurationProblems(parsed.error).map((p) => `  ${p}`);
  process.stderr.write(`${processName} cannot start: its configuration is invalid\n${lines.join('\n')}\n`);
  process.exit(configurationExitCode);
}
