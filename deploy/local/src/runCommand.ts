import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  /** stdout and stderr interleaved, as a person would have seen them. */
  output: string;
}

/**
 * Runs a short-lived command to completion. Rejects only when it cannot be started at all
 * (e.g. ENOENT); a non-zero exit is the caller's to judge.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    // Under another user our working directory may be unreadable (a clone in /root): start from /.
    const cwd = options.uid === undefined ? undefined : '/';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd, ...options });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** The last `lines` lines of a text, for error messages that point at the cause. */
export function tailLines(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
