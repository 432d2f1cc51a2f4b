import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HarnessBuildError,
  type BuiltHarness,
  type EngineContext,
  type FuzzBudget,
  type FuzzCounters,
  type FuzzEngineAdapter,
} from '@fuzzforge/worker-runtime';
import {
  engineWorkspaces,
  type EngineWorkspace,
  type EngineWorkspaces,
} from '@fuzzforge/worker-runtime/fuzz-testsupport';
import { locateNativeFuzzToolchain, type NativeFuzzToolchain } from '../fuzzToolchain';
import { aflEngine } from './aflEngine';
import { libfuzzerEngine } from './libfuzzerEngine';

// Real clang, libFuzzer, AFL++ and ASan on tests/fixtures/fuzz-c-heap: a heap-buffer-overflow behind
// the 4-byte magic "FZRC". Nothing is skipped: without the toolchain the suite fails, saying so.

/** The magic, then a length byte (16) larger than the payload that follows (none). */
const knownCrash = Buffer.from('FZRC\x10', 'latin1');

let workspaces: EngineWorkspaces;
let toolchain: NativeFuzzToolchain;

beforeAll(async () => {
  const located = await locateNativeFuzzToolchain(process.env);
  if (!located) {
    throw new Error(
      'the C/C++ fuzzing toolchain is missing (clang-14 with libclang-rt-14-dev, llvm-14, afl++): ' +
        'run `npm run provision -- native` or set FF_CLANG_PATH, FF_LLVM_SYMBOLIZER_PATH, FF_AFL_FUZZ_PATH, FF_AFL_CC_PATH',
    );
  }
  toolchain = located;
  workspaces = await engineWorkspaces('fuzz-c-heap');
});
afterAll(async () => {
  if (workspaces) await workspaces.dispose();
});

async function sessionDirs(dir: string): Promise<{ corpusDir: string; crashDir: string }> {
  const corpusDir = path.join(dir, 'corpus');
  const crashDir = path.join(dir, 'crashes');
  await mkdir(corpusDir, { recursive: true });
  await mkdir(crashDir, { recursive: true });
  return { corpusDir, crashDir };
}

const budget = (durationSeconds: number): FuzzBudget => ({
  durationSeconds,
  jobs: 1,
  timeoutPerInputMs: 2000,
  memoryMb: 2048,
});

async function buildFixture(engine: FuzzEngineAdapter, ctx: EngineContext): Promise<BuiltHarness> {
  const harnesses = await engine.discover(ctx.workspace);
  expect(harnesses).toEqual([{ name: 'fuzz/fuzz_parse', source: 'fuzz/fuzz_parse.c' }]);
  return engine.build(harnesses[0]!, ctx);
}

/** Reproduces `input` and checks it is the fixture's bug, found in the parser, not in the harness. */
async function expectParserOverflow(
  engine: FuzzEngineAdapter,
  built: BuiltHarness,
  input: string,
  ctx: EngineContext,
): Promise<void> {
  const reproduction = await engine.reproduce(built, input, ctx);
  expect(reproduction.crashed, reproduction.output).toBe(true);
  const report = engine.parseCrash(reproduction.output, ctx.workspace);
  expect(report?.type).toBe('heap-buffer-overflow');
  expect(report?.summary).toMatch(/^heap-buffer-overflow on address 0x[0-9a-f]+, READ of size 1$/);
  const meaningful = report?.frames.filter((f) => !engine.isNoiseFrame?.(f));
  expect(meaningful?.[0]).toMatchObject({ function: 'parse_record', file: 'src/parser.c' });
  expect(meaningful?.[1]).toMatchObject({ function: 'LLVMFuzzerTestOneInput', file: 'fuzz/fuzz_parse.c' });
}

describe('libfuzzer engine', () => {
  let engine: FuzzEngineAdapter;
  let ctx: EngineWorkspace;
  let built: BuiltHarness;
  let crashInput: string;
  let corpusDir: string;

  beforeAll(async () => {
    engine = libfuzzerEngine(toolchain);
    ctx = await workspaces.copy('libfuzzer');
    built = await buildFixture(engine, ctx);
  });

  it('builds a harness that crashes on the known input in parse_record', async () => {
    expect((await stat(built.binary)).isFile()).toBe(true);
    const input = path.join(ctx.dir, 'known-crash');
    await writeFile(input, knownCrash);
    await expectParserOverflow(engine, built, input, ctx);
  });

  it('finds the overflow behind the magic in a short session and stops there', async () => {
    const dirs = await sessionDirs(ctx.dir);
    corpusDir = dirs.corpusDir;
    const seen: FuzzCounters[] = [];
    const outcome = await engine.fuzz(
      {
        built,
        ...dirs,
        budget: budget(30),
        onCounters: (c) => seen.push(c),
        stop: new AbortController().signal,
      },
      ctx,
    );
    expect(outcome.ended).toBe('crash');
    expect(outcome.crashInputs.length).toBeGreaterThan(0);
    expect(path.basename(outcome.crashInputs[0]!)).toMatch(/^crash-[0-9a-f]{40}$/);
    expect(outcome.counters.executions).toBeGreaterThan(0);
    expect(seen.some((c) => (c.coverage ?? 0) > 0)).toBe(true);
    crashInput = outcome.crashInputs[0]!;
    await expectParserOverflow(engine, built, crashInput, ctx);
  });

  it('minimizes the crashing input to one no bigger that still crashes the same way', async () => {
    const output = path.join(ctx.dir, 'minimized');
    expect(await engine.minimize?.(built, crashInput, output, ctx)).toBe(true);
    expect((await stat(output)).size).toBeLessThanOrEqual((await stat(crashInput)).size);
    await expectParserOverflow(engine, built, output, ctx);
  });

  it('merges corpora into one that keeps their coverage', async () => {
    const extra = path.join(ctx.dir, 'extra-corpus');
    await mkdir(extra, { recursive: true });
    await writeFile(path.join(extra, 'not-a-record'), 'hello');
    await writeFile(path.join(extra, 'also-not-a-record'), 'hello');
    const merged = path.join(ctx.dir, 'merged');
    await engine.mergeCorpus?.(built, [corpusDir, extra, path.join(ctx.dir, 'missing')], merged, ctx);
    const files = await readdir(merged);
    expect(files.length).toBeGreaterThan(0);
    const contents = await Promise.all(files.map((f) => readFile(path.join(merged, f), 'latin1')));
    // Two inputs with the same coverage are one after merging.
    expect(contents.filter((c) => c === 'hello').length).toBeLessThanOrEqual(1);
  });

  it('builds with the target’s build.sh when it has one, OSS-Fuzz style', async () => {
    const scripted = await workspaces.copy('libfuzzer-build-sh');
    const script = path.join(scripted.workspace, 'fuzz', 'build.sh');
    await writeFile(
      script,
      [
        'set -eu',
        '$CC $CFLAGS -I"$SRC/src" -c "$SRC/src/parser.c" -o "$WORK/parser.o"',
        '$CC $CFLAGS $LIB_FUZZING_ENGINE -I"$SRC/src" "$SRC/fuzz/fuzz_parse.c" "$WORK/parser.o" -o "$OUT/fuzz_parse"',
        '',
      ].join('\n'),
    );
    await chmod(script, 0o755);
    const scriptedBuild = await buildFixture(engine, scripted);
    const input = path.join(scripted.dir, 'known-crash');
    await writeFile(input, knownCrash);
    await expectParserOverflow(engine, scriptedBuild, input, scripted);
  });

  it('refuses a harness that does not compile, with the compiler’s error in the log', async () => {
    const broken = await workspaces.copy('libfuzzer-broken');
    await writeFile(path.join(broken.workspace, 'src', 'parser.c'), 'int parse_record( {\n');
    const error = await buildFixture(engine, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessBuildError);
    expect((error as HarnessBuildError).message).toMatch(
      /fuzz\/fuzz_parse does not build: compiling src\/parser\.c/,
    );
    expect((error as HarnessBuildError).log).toMatch(/parser\.c:1:\d+: error:/);
  });
});

describe('afl engine', () => {
  let engine: FuzzEngineAdapter;
  let ctx: EngineWorkspace;
  let built: BuiltHarness;

  beforeAll(async () => {
    engine = aflEngine(toolchain);
    ctx = await workspaces.copy('afl');
    built = await buildFixture(engine, ctx);
  });

  it('builds an ASan harness with AFL’s driver that crashes on the known input in parse_record', async () => {
    const input = path.join(ctx.dir, 'known-crash');
    await writeFile(input, knownCrash);
    await expectParserOverflow(engine, built, input, ctx);
  });

  it('finds the overflow behind the magic in a short session, keeping corpus and crashes', async () => {
    const dirs = await sessionDirs(ctx.dir);
    const seen: FuzzCounters[] = [];
    const outcome = await engine.fuzz(
      {
        built,
        ...dirs,
        budget: budget(15),
        onCounters: (c) => seen.push(c),
        stop: new AbortController().signal,
      },
      ctx,
    );
    expect(outcome.ended).toBe('budget');
    expect(outcome.crashInputs.length).toBeGreaterThan(0);
    expect(outcome.counters.executions).toBeGreaterThan(0);
    expect(outcome.counters.coverage).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(1);
    expect((await readdir(dirs.corpusDir)).length).toBeGreaterThan(1);
    await expectParserOverflow(engine, built, outcome.crashInputs[0]!, ctx);
  });
});
