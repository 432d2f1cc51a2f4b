import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashFrame } from '@fuzzforge/contracts';
import { createLogger } from '@fuzzforge/observability';
import {
  HarnessBuildError,
  meaningfulFrames,
  type BuiltHarness,
  type EngineContext,
  type FuzzBudget,
  type FuzzCounters,
  type FuzzEngineAdapter,
} from '@fuzzforge/worker-runtime';
import { engineWorkspaces, type EngineWorkspaces } from '@fuzzforge/worker-runtime/fuzz-testsupport';
import { RustToolchainEnv } from '../env';
import { provisionRustVertical } from '../provision';
import { locateRustToolchain } from '../rustToolchain';
import { cargoFuzzEngine } from './cargoFuzzEngine';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const log = createLogger('rust-fuzz-test', { level: 'warn' });
const budget: FuzzBudget = { durationSeconds: 30, jobs: 1, timeoutPerInputMs: 5000, memoryMb: 2048 };

describe('cargo-fuzz engine on the fuzz-rust-panic fixture', () => {
  let engine: FuzzEngineAdapter;
  let workspaces: EngineWorkspaces;
  let ctx: EngineContext;
  let built: BuiltHarness;
  let crashInput: string;

  beforeAll(async () => {
    // Idempotent: installs cargo-fuzz into the repo's .stack once (minutes), then only checks it.
    const provisioned = await provisionRustVertical(path.join(repo, '.stack'), process.env, log);
    const toolchain = await locateRustToolchain(
      RustToolchainEnv.parse({
        ...provisioned,
        FF_CARGO_CACHE_DIR: path.join(repo, '.stack', 'cache', 'cargo'),
      }),
    );
    if (!toolchain)
      throw new Error(
        `the Rust toolchain does not answer after provisioning: ${JSON.stringify(provisioned)}`,
      );
    engine = cargoFuzzEngine(toolchain);
    workspaces = await engineWorkspaces('fuzz-rust-panic');
    ctx = await workspaces.copy('main');
  }, 600_000);
  afterAll(() => workspaces.dispose());

  it('discovers the fixture’s fuzz target', async () => {
    await expect(engine.discover(ctx.workspace)).resolves.toEqual([
      { name: 'parse', source: 'fuzz/fuzz_targets/parse.rs', detail: { crateDir: '.', target: 'parse' } },
    ]);
  });

  it('builds it with cargo-fuzz on stable Rust', async () => {
    const [harness] = await engine.discover(ctx.workspace);
    built = await engine.build(harness!, ctx);
    expect((await stat(built.binary)).mode & 0o111).not.toBe(0);
    expect(built.binary.startsWith(ctx.scratch)).toBe(true);
  });

  it('finds the panic within 30 seconds, reporting counters as it goes', async () => {
    const corpusDir = path.join(ctx.scratch, 'corpus');
    const crashDir = path.join(ctx.scratch, 'crashes');
    await mkdir(corpusDir, { recursive: true });
    const seen: FuzzCounters[] = [];
    const outcome = await engine.fuzz(
      {
        built,
        corpusDir,
        crashDir,
        budget,
        onCounters: (c) => seen.push(c),
        stop: new AbortController().signal,
      },
      ctx,
    );
    expect(outcome.ended).toBe('crash');
    expect(outcome.crashInputs).toHaveLength(1);
    expect(path.basename(outcome.crashInputs[0]!)).toMatch(/^crash-[0-9a-f]{40}$/);
    expect(outcome.counters.executions).toBeGreaterThan(0);
    expect(outcome.counters.coverage).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(engine.parseCrash(outcome.crashOutput ?? '', ctx.workspace)?.type).toBe('index-out-of-bounds');
    crashInput = outcome.crashInputs[0]!;
    expect((await readdir(corpusDir)).length).toBeGreaterThan(0);
  });

  it('reproduces the crash: the parser function is the top meaningful frame', async () => {
    const rerun = await engine.reproduce(built, crashInput, ctx);
    expect(rerun.crashed).toBe(true);
    const report = engine.parseCrash(rerun.output, ctx.workspace);
    expect(report?.type).toBe('index-out-of-bounds');
    expect(report?.summary).toMatch(/^range end index \d+ out of range for slice of length \d+$/);
    const isNoise = (frame: CrashFrame): boolean => engine.isNoiseFrame?.(frame) ?? false;
    expect(meaningfulFrames(report!.frames, isNoise).slice(0, 2)).toEqual([
      { function: 'record_parser::parse_record', file: 'src/lib.rs', line: 26 },
      { function: 'parse::_::__libfuzzer_sys_run', file: 'fuzz/fuzz_targets/parse.rs', line: 6 },
    ]);
  });

  it('does not call a harmless input a crash', async () => {
    const input = path.join(ctx.scratch, 'harmless');
    await writeFile(input, 'RCD1a\x02hi');
    await expect(engine.reproduce(built, input, ctx)).resolves.toMatchObject({ crashed: false });
  });

  it('minimizes the crash to an input that still crashes', async () => {
    const output = path.join(ctx.scratch, 'minimized');
    await expect(engine.minimize!(built, crashInput, output, ctx)).resolves.toBe(true);
    const minimized = await readFile(output);
    expect(minimized.length).toBeLessThanOrEqual((await readFile(crashInput)).length);
    expect(minimized.subarray(0, 5).toString()).toBe('RCD1X');
    expect((await engine.reproduce(built, output, ctx)).crashed).toBe(true);
  });

  it('merges corpora into one that keeps the coverage with fewer or equal inputs', async () => {
    const corpusDir = path.join(ctx.scratch, 'corpus');
    const extra = path.join(ctx.scratch, 'extra');
    await mkdir(extra, { recursive: true });
    await writeFile(path.join(extra, 'plain'), 'RCD1a\x02hi');
    await writeFile(path.join(extra, 'duplicate'), 'RCD1a\x02hi');
    const merged = path.join(ctx.scratch, 'merged');
    await engine.mergeCorpus!(built, [corpusDir, extra], merged, ctx);
    const inputs = await readdir(merged);
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.length).toBeLessThanOrEqual((await readdir(corpusDir)).length + 1);
  });

  it('ends on the budget when the executions run out first', async () => {
    const outcome = await engine.fuzz(
      {
        built,
        corpusDir: await mkdtemp(path.join(ctx.scratch, 'empty-corpus-')),
        crashDir: path.join(ctx.scratch, 'budget-crashes'),
        budget: { ...budget, maxExecutions: 200 },
        onCounters: () => undefined,
        stop: new AbortController().signal,
      },
      ctx,
    );
    expect(outcome).toMatchObject({ ended: 'budget', crashInputs: [] });
    expect(outcome.counters.executions).toBeLessThanOrEqual(200);
  });

  it('finds it with two jobs (libFuzzer fork mode) in a second copy, built warm', async () => {
    const second = await workspaces.copy('second');
    const [harness] = await engine.discover(second.workspace);
    const started = Date.now();
    const warm = await engine.build(harness!, second);
    expect(Date.now() - started).toBeLessThan(60_000);
    const outcome = await engine.fuzz(
      {
        built: warm,
        corpusDir: await mkdtemp(path.join(second.scratch, 'corpus-')),
        crashDir: path.join(second.scratch, 'crashes'),
        budget: { ...budget, jobs: 2 },
        onCounters: () => undefined,
        stop: new AbortController().signal,
      },
      second,
    );
    expect(outcome.ended).toBe('crash');
    expect(outcome.crashInputs.length).toBeGreaterThan(0);
    expect(outcome.counters.executions).toBeGreaterThan(0);
  });

  it('fails a harness that does not compile with the compiler’s error', async () => {
    const broken = await workspaces.copy('broken');
    await writeFile(path.join(broken.workspace, 'src', 'lib.rs'), 'pub fn parse_record( {\n');
    const [harness] = await engine.discover(broken.workspace);
    const failure: unknown = await engine.build(harness!, broken).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HarnessBuildError);
    expect((failure as HarnessBuildError).log).toMatch(/could not compile `record-parser`/);
  });
});
