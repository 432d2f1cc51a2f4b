import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  HarnessBuildError,
  type BuiltHarness,
  type FuzzBudget,
  type FuzzCounters,
  type FuzzEngineAdapter,
} from '@fuzzforge/worker-runtime';
import type { GoToolchain } from '../provisionGoToolchain';
import { goBuildEnv, withMemoryLimit } from './goCommand';
import { corpusFromGoCache, corpusIntoGoCache, goCorpusEntry } from './goCorpus';
import { discoverGoFuzzTests } from './goHarnesses';
import { parseGoFuzzCounters } from './goFuzzStats';
import { isGoNoiseFrame, parseGoCrash, unreportedExit } from './goPanic';

// Go minimizes a failing input before it reports it; bounded so a session ends near its budget.
const MINIMIZE_SECONDS = 30;
// Go's fuzzing worker calls an input hung after 10 s (fixed); a re-run waits as long.
const REPRODUCE_TIMEOUT = '10s';
const DEFAULT_MEMORY_MB = 2_048;

const tail = (text: string, lines = 40): string => text.trimEnd().split('\n').slice(-lines).join('\n');
const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

async function move(from: string, to: string): Promise<void> {
  await rename(from, to).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EXDEV') throw err;
    await copyFile(from, to);
    await unlink(from);
  });
}

const target = (built: BuiltHarness) => ({
  packageDir: built.detail!['packageDir']!,
  fn: built.detail!['function']!,
});

/**
 * The `go test -fuzz` engine. `build` compiles the instrumented test binary once (`go test -c -fuzz`);
 * sessions, reproductions run it directly in the package dir. The session's corpus is copied into a
 * fuzz cache of the session's own (`-test.fuzzcachedir`) and what Go adds is copied back, in Go's
 * corpus format. Go stops at the first failure and minimizes it itself: no `minimize`, no `mergeCorpus`.
 * Go's per-input limit is fixed (10 s): `timeoutPerInputMs` does not apply.
 */
export function goFuzzEngine(toolchain: GoToolchain): FuzzEngineAdapter {
  const budgets = new WeakMap<BuiltHarness, FuzzBudget>();

  return {
    engine: 'go-fuzz',
    coverageUnit: 'interesting-inputs',
    version: toolchain.version,
    discover: discoverGoFuzzTests,

    async build(harness, ctx) {
      const packageDir = path.join(ctx.workspace, harness.detail?.['packageDir'] ?? '.');
      const fn = harness.detail?.['function'] ?? path.posix.basename(harness.name);
      const dir = path.join(ctx.scratch, 'go-fuzz', harness.name.replace(/[^A-Za-z0-9._-]/g, '_'));
      await mkdir(dir, { recursive: true });
      const binary = path.join(dir, `${fn}.test`);
      const result = await ctx.run({
        command: toolchain.go,
        args: ['test', '-c', `-fuzz=^${fn}$`, '-o', binary, '.'],
        cwd: packageDir,
        env: await goBuildEnv(toolchain, ctx.scratch),
        timeoutMs: 15 * 60_000,
      });
      const log = `${result.stdout}\n${result.stderr}`;
      if (result.exitCode !== 0 || !(await exists(binary))) {
        throw new HarnessBuildError(`go test -c failed for ${harness.name}`, tail(log));
      }
      return { harness, binary, detail: { packageDir, function: fn } };
    },

    async fuzz(session, ctx) {
      const { budget, built } = session;
      budgets.set(built, budget);
      const { packageDir, fn } = target(built);
      await mkdir(session.crashDir, { recursive: true });
      const cache = await mkdtemp(path.join(ctx.scratch, 'go-fuzzcache-'));
      await corpusIntoGoCache(session.corpusDir, path.join(cache, fn));
      let counters: FuzzCounters = {};
      const run = withMemoryLimit(
        built.binary,
        [
          '-test.run=^$',
          `-test.fuzz=^${fn}$`,
          `-test.fuzztime=${budget.maxExecutions ? `${budget.maxExecutions}x` : `${Math.max(1, Math.floor(budget.durationSeconds))}s`}`,
          `-test.fuzzcachedir=${cache}`,
          `-test.fuzzminimizetime=${MINIMIZE_SECONDS}s`,
          `-test.parallel=${budget.jobs}`,
          '-test.timeout=0',
        ],
        budget.memoryMb,
      );
      const result = await ctx.run({
        ...run,
        cwd: packageDir,
        // With -fuzztime=Nx, Go does not watch the clock: the timeout ends the session instead.
        timeoutMs: (budget.durationSeconds + MINIMIZE_SECONDS + 30) * 1000,
        onLine: (line) => {
          const parsed = parseGoFuzzCounters(line);
          if (!parsed) return;
          counters = parsed;
          session.onCounters(parsed);
        },
      });
      await corpusFromGoCache(path.join(cache, fn), session.corpusDir);
      await rm(cache, { recursive: true, force: true });
      const output = `${result.stdout}\n${result.stderr}`;
      // Moved out of testdata: a later session would otherwise fail on it at once, as a seed.
      const written = /Failing input written to (testdata\/fuzz\/\S+)/.exec(output)?.[1];
      // The path comes from the harness's own output: only a file where Go writes its failures is moved.
      const failures = path.join(packageDir, 'testdata', 'fuzz', fn);
      if (written && path.dirname(path.resolve(packageDir, written)) === failures) {
        const crash = path.join(session.crashDir, path.basename(written));
        await move(path.join(packageDir, written), crash);
        return { ended: 'crash', counters, crashInputs: [crash] };
      }
      if (result.exitCode === 0 || result.timedOut) return { ended: 'budget', counters, crashInputs: [] };
      // A seed that already fails (committed in testdata, or an f.Add value) stops Go before fuzzing.
      if (/^--- FAIL: /m.test(output)) return { ended: 'crash', counters, crashInputs: [] };
      throw new Error(`go fuzzing of ${fn} failed without a failing input:\n${tail(output)}`);
    },

    async reproduce(built, input, ctx) {
      const { packageDir, fn } = target(built);
      const entry = goCorpusEntry(await readFile(input));
      // Go runs testdata/fuzz/<FuzzName>/<name> as the subtest <FuzzName>/<name>.
      const name = `ff-${createHash('sha256').update(entry).digest('hex').slice(0, 16)}`;
      const seed = path.join(packageDir, 'testdata', 'fuzz', fn, name);
      await mkdir(path.dirname(seed), { recursive: true });
      await writeFile(seed, entry);
      try {
        const memoryMb = budgets.get(built)?.memoryMb ?? DEFAULT_MEMORY_MB;
        const run = withMemoryLimit(
          built.binary,
          [`-test.run=^${fn}$/^${name}$`, `-test.timeout=${REPRODUCE_TIMEOUT}`],
          memoryMb,
        );
        const result = await ctx.run({ ...run, cwd: packageDir, timeoutMs: 120_000 });
        let output = `${result.stdout}\n${result.stderr}`;
        if (result.exitCode !== 0 && !result.timedOut && !parseGoCrash(output, ctx.workspace)) {
          output += `\n${unreportedExit(result.exitCode === null ? `signal ${result.signal}` : `status ${result.exitCode}`)}\n`;
        }
        return {
          crashed: result.exitCode !== 0 && parseGoCrash(output, ctx.workspace) !== undefined,
          output,
        };
      } finally {
        await rm(seed, { force: true });
      }
    },

    parseCrash: parseGoCrash,
    isNoiseFrame: isGoNoiseFrame,
  };
}
