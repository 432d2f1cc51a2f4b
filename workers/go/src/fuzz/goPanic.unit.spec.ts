import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { meaningfulFrames } from '@fuzzforge/worker-runtime';
import { isGoNoiseFrame, parseGoCrash, unreportedExit } from './goPanic';

// Where the recordings were made (see __recorded__/README.md).
const workspace = '/tmp/ff-record/fuzz-go-panic';
const recorded = (name: string) => readFile(new URL(`../__recorded__/${name}`, import.meta.url), 'utf8');
const parse = async (name: string) => parseGoCrash(await recorded(name), workspace);
const meaningful = async (name: string) => meaningfulFrames((await parse(name))!.frames, isGoNoiseFrame);

const parseFields = {
  function: 'parser.parseFields',
  module: 'example.com/fuzzgopanic/parser',
  file: 'parser/parser.go',
  line: 37,
};

describe('parseGoCrash', () => {
  it('reads a runtime panic nested in a fuzz failure, typed by its runtime error', async () => {
    const report = await parse('go-fuzz-panic.txt');
    expect(report?.type).toBe('index-out-of-range');
    expect(report?.summary).toBe('panic: runtime error: index out of range [0] with length 0');
    expect(report?.frames[0]).toEqual({
      function: 'debug.Stack',
      module: 'runtime/debug',
      file: '/usr/local/go/src/runtime/debug/stack.go',
      line: 26,
    });
    expect(await meaningful('go-fuzz-panic.txt')).toEqual([
      parseFields,
      { ...parseFields, function: 'parser.Parse', line: 28 },
      { ...parseFields, function: 'parser.FuzzParse.func1', file: 'parser/parser_test.go', line: 11 },
    ]);
  });

  it('reads the same panic from a re-run, without the [recovered] mark', async () => {
    const report = await parse('go-reproduce-panic.txt');
    expect(report?.type).toBe('index-out-of-range');
    expect(report?.summary).toBe('panic: runtime error: index out of range [0] with length 0');
    expect((await meaningful('go-reproduce-panic.txt'))[0]).toEqual(parseFields);
  });

  it('types a nil pointer dereference', async () => {
    const report = await parse('go-reproduce-nil.txt');
    expect(report?.type).toBe('nil-dereference');
    expect((await meaningful('go-reproduce-nil.txt'))[0]).toMatchObject({
      function: 'variants.Check',
      file: 'variants/variants.go',
      line: 34,
    });
  });

  it("takes a timeout's frames from the goroutine running the input, not the alarm's", async () => {
    const report = await parse('go-reproduce-timeout.txt');
    expect(report?.type).toBe('timeout');
    expect(report?.summary).toBe('test timed out after 10s');
    expect((await meaningful('go-reproduce-timeout.txt')).map((f) => f.function)).toEqual([
      'time.Sleep',
      'variants.spin',
      'variants.Check',
      'variants.FuzzCheck.func1',
    ]);
  });

  it('reads a fatal stack overflow from the overflowing goroutine', async () => {
    const report = await parse('go-reproduce-stack-overflow.txt');
    expect(report?.type).toBe('stack-overflow');
    expect(report?.summary).toBe('fatal error: stack overflow');
    expect(report?.frames[0]).toMatchObject({ function: 'variants.depth', file: 'variants/variants.go' });
  });

  it('reads t.Fatalf as a test failure at the line Go names', async () => {
    expect(await parse('go-fuzz-test-failure.txt')).toEqual({
      type: 'test-failure',
      summary: 'variants_test.go:8: check failed: checksum mismatch',
      frames: [{ function: 'FuzzCheck', file: 'variants_test.go', line: 8 }],
    });
  });

  it('reports a fuzzing worker that hung or died, which Go shows no stack for', async () => {
    const expected = {
      type: 'hang-or-exit',
      summary: 'fuzzing process hung or terminated unexpectedly: exit status 2',
      frames: [],
    };
    expect(await parse('go-fuzz-hung.txt')).toEqual(expected);
    expect(await parse('go-fuzz-seed-hung.txt')).toEqual(expected);
  });

  it('reports a re-run that exited without a word, and nothing in a passing session', async () => {
    expect(parseGoCrash(`\n${unreportedExit('status 3')}\n`, workspace)).toMatchObject({
      type: 'unexpected-exit',
      frames: [],
    });
    expect(await parse('go-fuzz-budget.txt')).toBeUndefined();
  });
});
