import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunResponse } from '@fuzzforge/contracts';
import { createEngineContext } from '@fuzzforge/worker-runtime';
import { libfuzzerEngine, locateNativeFuzzToolchain, sanitizerEnv } from '@fuzzforge/worker-native';
import { tarGzOf } from '../support/archive';

/** One measurement: a harness fuzzed for a number of executions, and the rate libFuzzer reported. */
export interface Measurement {
  how: 'bare' | 'platform';
  execsPerSecond: number;
  /** The platform run measured. */
  runId?: string;
}

const EXECUTED = /^stat::number_of_executed_units:\s*(\d+)/m;

/** Builds the fixture's harness exactly as the libfuzzer engine does (same compiler, same flags). */
export async function buildBare(fixtureDir: string, env: NodeJS.ProcessEnv) {
  const toolchain = await locateNativeFuzzToolchain(env);
  if (!toolchain)
    throw new Error('the C/C++ fuzzing toolchain is missing: run `npm run provision -- native`');
  const engine = libfuzzerEngine(toolchain);
  const root = await mkdtemp(path.join(tmpdir(), 'ff-bench-'));
  const workspace = path.join(root, 'workspace');
  const scratch = path.join(root, 'scratch');
  await cp(fixtureDir, workspace, { recursive: true });
  await mkdir(scratch);
  const ctx = createEngineContext({ workspace, scratch });
  const [harness] = await engine.discover(workspace);
  if (!harness) throw new Error(`no libFuzzer harness in ${fixtureDir}`);
  const built = await engine.build(harness, ctx);
  return {
    binary: built.binary,
    env: sanitizerEnv(toolchain.llvmSymbolizer, scratch),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** The harness run by hand: the binary, an empty corpus, a run count; no sandbox, no supervision. */
export async function fuzzBare(
  binary: string,
  env: Record<string, string>,
  executions: number,
  seed: number,
): Promise<Measurement> {
  const corpus = await mkdtemp(path.join(tmpdir(), 'ff-bench-corpus-'));
  try {
    const started = performance.now();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(binary, [`-runs=${executions}`, `-seed=${seed}`, '-print_final_stats=1', corpus], {
        cwd: corpus,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-64 * 1024)));
      child.once('error', reject);
      child.once('exit', () => resolve(stderr));
    });
    const seconds = (performance.now() - started) / 1000;
    const executed = EXECUTED.exec(output);
    if (!executed) throw new Error(`the bare run printed no final stats:\n${output.slice(-2000)}`);
    // Executions over the process's wall time, as the platform computes its sessions' rate.
    return { how: 'bare', execsPerSecond: Math.round(Number(executed[1]) / seconds) };
  } finally {
    await rm(corpus, { recursive: true, force: true });
  }
}

/** The same harness through the API: upload, a libfuzzer run of the same executions, its reported rate. */
export async function fuzzThroughPlatform(
  platform: { apiUrl: string; adminKey: string },
  fixtureDir: string,
  executions: number,
  seed: number,
  project: string,
): Promise<Measurement> {
  const api = platform.apiUrl;
  const authorization = `Bearer ${platform.adminKey}`;
  const upload = await fetch(`${api}/v1/targets?filename=bench.tar.gz`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip', authorization },
    body: await tarGzOf(fixtureDir),
  });
  if (upload.status !== 201) throw new Error(`upload failed: ${upload.status} ${await upload.text()}`);
  const target = ((await upload.json()) as { id: string }).id;
  const request = await fetch(`${api}/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({
      target,
      workflow: 'libfuzzer',
      project,
      // Both sides start from an empty corpus with the same mutation seed and run count: the same
      // inputs run, so the rates differ only by what the platform adds.
      parameters: { maxExecutions: executions, durationSeconds: 3600, seedCorpus: false, seed },
    }),
  });
  if (request.status !== 202)
    throw new Error(`run request failed: ${request.status} ${await request.text()}`);
  const runId = ((await request.json()) as { id: string }).id;
  const deadline = Date.now() + 3_900_000;
  for (;;) {
    const run = (await (
      await fetch(`${api}/v1/runs/${runId}`, { headers: { authorization } })
    ).json()) as RunResponse;
    if (run.status === 'completed' && run.fuzzing?.phase === 'final') {
      return { how: 'platform', execsPerSecond: run.fuzzing.execsPerSecond, runId };
    }
    if (run.status === 'failed' || run.status === 'cancelled') {
      throw new Error(`bench run ${runId} ${run.status}: ${JSON.stringify(run.error)}`);
    }
    if (Date.now() > deadline) throw new Error(`bench run ${runId} did not finish`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
