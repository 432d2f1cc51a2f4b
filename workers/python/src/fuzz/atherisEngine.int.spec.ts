import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import {
  HarnessBuildError,
  meaningfulFrames,
  type FuzzCounters,
  type FuzzEngineAdapter,
} from '@fuzzforge/worker-runtime';
import {
  engineWorkspaces,
  type EngineWorkspace,
  type EngineWorkspaces,
} from '@fuzzforge/worker-runtime/fuzz-testsupport';
import { locateAtheris, provisionAtheris } from '../provisionAtheris';
import { atherisEngine } from './atherisEngine';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const budget = { durationSeconds: 30, jobs: 1, timeoutPerInputMs: 5_000, memoryMb: 2_048 };

describe('atheris engine on real atheris', () => {
  let engine: FuzzEngineAdapter;
  let workspaces: EngineWorkspaces;
  let ctx: EngineWorkspace;
  beforeAll(async () => {
    const python = await provisionAtheris(
      path.join(repo, '.stack'),
      createLogger('test', { write: () => {} }),
    );
    const toolchain = await locateAtheris({ FF_ATHERIS_PYTHON: python });
    if (!toolchain)
      throw new Error(`atheris is not importable with ${python}: run npm run provision -- python`);
    engine = atherisEngine(toolchain);
    workspaces = await engineWorkspaces('fuzz-python-exception');
    ctx = await workspaces.copy('main');
  }, 180_000);
  afterAll(() => workspaces.dispose());

  it('finds, reproduces and minimizes the IndexError in parse_record, and merges the corpus', async () => {
    const [harness, ...others] = await engine.discover(ctx.workspace);
    expect(others).toEqual([]);
    const built = await engine.build(harness!, ctx);
    const seen: FuzzCounters[] = [];
    const session = {
      built,
      corpusDir: path.join(ctx.dir, 'corpus'),
      crashDir: path.join(ctx.dir, 'crashes'),
      budget,
      onCounters: (c: FuzzCounters) => seen.push(c),
      stop: new AbortController().signal,
    };
    const started = Date.now();
    const outcome = await engine.fuzz(session, ctx);
    console.info(`atheris found the crash in ${Date.now() - started} ms`);
    expect(outcome.ended).toBe('crash');
    expect(outcome.crashInputs).toHaveLength(1);
    expect(outcome.counters.executions).toBeGreaterThan(0);
    expect(seen.some((c) => (c.coverage ?? 0) > 0)).toBe(true);

    const reproduction = await engine.reproduce(built, outcome.crashInputs[0]!, ctx);
    expect(reproduction.crashed).toBe(true);
    const report = engine.parseCrash(reproduction.output, ctx.workspace);
    expect(report?.type).toBe('uncaught-exception');
    expect(report?.summary).toMatch(/^IndexError: /);
    expect(meaningfulFrames(report!.frames, (f) => engine.isNoiseFrame?.(f) ?? false)[0]).toMatchObject({
      function: 'parse_record',
      file: 'recordparse/parser.py',
    });

    const corpus = await readdir(session.corpusDir);
    expect(corpus.length).toBeGreaterThan(0);
    const harmless = await engine.reproduce(built, path.join(session.corpusDir, corpus[0]!), ctx);
    expect(harmless.crashed).toBe(false);

    // Claims 255 payload bytes, has 40: the same IndexError, with 39 bytes more than it needs.
    const padded = path.join(ctx.dir, 'padded');
    await writeFile(padded, Buffer.concat([Buffer.from('FZPY\x02\xff'), Buffer.alloc(40, 0x41)]));
    const minimized = path.join(ctx.dir, 'minimized');
    expect(await engine.minimize!(built, padded, minimized, ctx)).toBe(true);
    expect((await stat(minimized)).size).toBeLessThan(46);
    expect((await engine.reproduce(built, minimized, ctx)).crashed).toBe(true);

    const merged = path.join(ctx.dir, 'merged');
    await engine.mergeCorpus!(built, [session.corpusDir], merged, ctx);
    const kept = await readdir(merged);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(corpus.length);
  });

  it('fuzzes with two jobs in fork mode', async () => {
    const [harness] = await engine.discover(ctx.workspace);
    const built = await engine.build(harness!, ctx);
    const crashDir = path.join(ctx.dir, 'fork-crashes');
    const outcome = await engine.fuzz(
      {
        built,
        corpusDir: path.join(ctx.dir, 'fork-corpus'),
        crashDir,
        budget: { ...budget, jobs: 2 },
        onCounters: () => {},
        stop: new AbortController().signal,
      },
      ctx,
    );
    expect(outcome.ended).toBe('crash');
    expect(outcome.crashInputs.length).toBeGreaterThan(0);
    const input = await readFile(outcome.crashInputs[0]!);
    expect(input.subarray(0, 4).toString()).toBe('FZPY');
  });

  it('fails the build of a harness that does not import', async () => {
    await writeFile(
      path.join(ctx.workspace, 'fuzz', 'fuzz_broken.py'),
      'import sys\nimport atheris\nimport recordparse.missing\natheris.Setup(sys.argv, lambda d: None)\natheris.Fuzz()\n',
    );
    const broken = (await engine.discover(ctx.workspace)).find((h) => h.name === 'fuzz/fuzz_broken');
    const failure: unknown = await engine.build(broken!, ctx).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HarnessBuildError);
    expect((failure as HarnessBuildError).log).toContain('ModuleNotFoundError');
  });
});
