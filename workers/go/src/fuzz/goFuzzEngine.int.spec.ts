import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { locateGoToolchain, provisionGoBinary } from '../provisionGoToolchain';
import { goFuzzEngine } from './goFuzzEngine';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const budget = { durationSeconds: 30, jobs: 2, timeoutPerInputMs: 5_000, memoryMb: 2_048 };

// A fuzz test of the fixture's text records, which have no bug: its sessions run to the budget.
const textFuzzTest = `package parser

import "testing"

func FuzzText(f *testing.F) {
	f.Add([]byte("FZGO\\x02T\\x03abc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 5 && data[5] == 'T' {
			_, _ = Parse(data)
		}
	})
}
`;

describe('go-fuzz engine on the real Go toolchain', () => {
  let engine: FuzzEngineAdapter;
  let workspaces: EngineWorkspaces;
  let ctx: EngineWorkspace;
  beforeAll(async () => {
    const toolchain = await locateGoToolchain({
      FF_GO_BINARY: await provisionGoBinary(process.env),
      FF_GO_BUILD_CACHE: path.join(repo, '.stack/cache/go-build'),
    });
    if (!toolchain)
      throw new Error('the go command does not answer `go version`: install Go or set FF_GO_BINARY');
    engine = goFuzzEngine(toolchain);
    workspaces = await engineWorkspaces('fuzz-go-panic');
    ctx = await workspaces.copy('main');
    await writeFile(path.join(ctx.workspace, 'parser', 'text_test.go'), textFuzzTest);
  });
  afterAll(() => workspaces.dispose());

  it('finds and reproduces the index-out-of-range panic in parseFields', async () => {
    const harnesses = await engine.discover(ctx.workspace);
    expect(harnesses.map((h) => h.name)).toEqual(['parser/FuzzParse', 'parser/FuzzText']);
    let started = Date.now();
    const built = await engine.build(harnesses[0]!, ctx);
    console.info(`go test -c took ${Date.now() - started} ms`);
    const session = {
      built,
      corpusDir: path.join(ctx.dir, 'corpus'),
      crashDir: path.join(ctx.dir, 'crashes'),
      budget,
      onCounters: () => {},
      stop: new AbortController().signal,
    };
    started = Date.now();
    const outcome = await engine.fuzz(session, ctx);
    console.info(`go-fuzz found the crash in ${Date.now() - started} ms`);
    expect(outcome.ended).toBe('crash');
    expect(outcome.crashInputs).toHaveLength(1);
    expect(await readdir(path.join(ctx.workspace, 'parser', 'testdata', 'fuzz', 'FuzzParse'))).toEqual([]);
    expect(await readFile(outcome.crashInputs[0]!, 'latin1')).toMatch(
      /^go test fuzz v1\n\[\]byte\("FZGO\\x02F/,
    );

    const reproduction = await engine.reproduce(built, outcome.crashInputs[0]!, ctx);
    expect(reproduction.crashed).toBe(true);
    const report = engine.parseCrash(reproduction.output, ctx.workspace);
    expect(report?.type).toBe('index-out-of-range');
    expect(meaningfulFrames(report!.frames, (f) => engine.isNoiseFrame?.(f) ?? false)[0]).toMatchObject({
      function: 'parser.parseFields',
      file: 'parser/parser.go',
    });
    // A raw input (not in Go's format) runs as the fuzz test's []byte argument.
    const harmless = path.join(ctx.dir, 'harmless');
    await writeFile(harmless, 'FZGO\x02T\x01a');
    expect((await engine.reproduce(built, harmless, ctx)).crashed).toBe(false);
    expect(await readdir(path.join(ctx.workspace, 'parser', 'testdata', 'fuzz', 'FuzzParse'))).toEqual([]);
  });

  it('runs to the budget and keeps the corpus Go grew', async () => {
    const harness = (await engine.discover(ctx.workspace)).find((h) => h.name === 'parser/FuzzText');
    const built = await engine.build(harness!, ctx);
    const corpusDir = path.join(ctx.dir, 'text-corpus');
    await mkdir(corpusDir);
    await writeFile(path.join(corpusDir, 'seed'), 'FZGO\x02T\x05hello');
    const seen: FuzzCounters[] = [];
    const outcome = await engine.fuzz(
      {
        built,
        corpusDir,
        crashDir: path.join(ctx.dir, 'text-crashes'),
        budget: { ...budget, durationSeconds: 5 },
        onCounters: (c) => seen.push(c),
        stop: new AbortController().signal,
      },
      ctx,
    );
    expect(outcome.ended).toBe('budget');
    expect(outcome.counters.executions).toBeGreaterThan(1000);
    expect(seen.length).toBeGreaterThan(0);
    const corpus = await readdir(corpusDir);
    expect(corpus).toContain('seed');
    expect(corpus.length).toBeGreaterThan(1);
  });

  it('fails the build of a fuzz test that does not compile', async () => {
    await mkdir(path.join(ctx.workspace, 'broken'));
    await writeFile(
      path.join(ctx.workspace, 'broken', 'broken_test.go'),
      'package broken\n\nimport "testing"\n\nfunc FuzzBroken(f *testing.F) { undefinedCall() }\n',
    );
    const broken = (await engine.discover(ctx.workspace)).find((h) => h.name === 'broken/FuzzBroken');
    const failure: unknown = await engine.build(broken!, ctx).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HarnessBuildError);
    expect((failure as HarnessBuildError).log).toContain('undefined: undefinedCall');
  });
});
