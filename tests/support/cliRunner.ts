import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `ff` binary as the package installs it (bin/ff.mjs). */
export const ffBin = path.join(repoRoot, 'services', 'cli', 'bin', 'ff.mjs');

export interface FfOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FfOptions {
  /** Variables added to (or, when undefined, removed from) the test's environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

const envOf = (base: Record<string, string | undefined>, extra: Record<string, string | undefined>) => {
  const env: Record<string, string | undefined> = { ...process.env, ...base, ...extra };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
};

/**
 * A runner of the `ff` binary as a user would run it, with FF_API_URL and FF_API_KEY of the test
 * platform in its environment (spawned processes do not get tests/setup/apiKey.ts's key).
 */
export function ffRunner(apiUrl: string, apiKey: string) {
  const base = { FF_API_URL: apiUrl, FF_API_KEY: apiKey };
  return {
    /** Runs ff to its end. */
    async run(args: readonly string[], o: FfOptions = {}): Promise<FfOutcome> {
      try {
        const { stdout, stderr } = await promisify(execFile)(process.execPath, [ffBin, ...args], {
          env: envOf(base, o.env ?? {}),
          cwd: o.cwd ?? repoRoot,
          maxBuffer: 64 * 1024 * 1024,
        });
        return { code: 0, stdout, stderr };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    },
    /** Starts ff and hands back its output so far and its end, for commands that run a while. */
    start(args: readonly string[], o: FfOptions = {}) {
      const child = spawn(process.execPath, [ffBin, ...args], {
        env: envOf(base, o.env ?? {}),
        cwd: o.cwd ?? repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const ended = new Promise<FfOutcome>((resolve) =>
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })),
      );
      return { output: () => ({ stdout, stderr }), ended, kill: () => child.kill('SIGKILL') };
    },
  };
}
