import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  /** stdout and stderr interleaved, as a person would have seen them. */
  output: string;
}

/**
 * Runs a short-lived provisioning command to completion. Rejects only when it cannot be started at
 * all (ENOENT: not installed); a non-zero exit is the caller's to judge.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** The last `count` non-empty lines of a command's output, for error messages. */
export const tailLines = (output: string, count: number): string =>
  output.trimEnd().split('\n').slice(-count).join('\n');
