import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSanitizerNoiseFrame, parseSanitizerReport } from '@fuzzforge/worker-runtime';

// Recorded on a copy of tests/fixtures/fuzz-c-heap in /tmp/ff-record (see __recorded__/README.md).
const workspace = '/tmp/ff-record/fuzz-c-heap';
const recorded = (name: string): string =>
  readFileSync(new URL(`../__recorded__/${name}`, import.meta.url), 'utf8');

describe('the fixture’s crash as the engines report it', () => {
  it.each([
    ['a libFuzzer session', 'libfuzzer-fuzz-parse-crash.txt'],
    ['a libFuzzer fork-mode session (the crashed job’s log)', 'libfuzzer-fuzz-parse-fork.txt'],
    ['a reproduction with the AFL build', 'afl-fuzz-parse-reproduce.txt'],
  ])('%s: a heap-buffer-overflow READ in parse_record, called by the harness', (_, file) => {
    const report = parseSanitizerReport(recorded(file), workspace);
    expect(report?.type).toBe('heap-buffer-overflow');
    expect(report?.summary).toMatch(/, READ of size 1$/);
    expect(report?.frames.filter((f) => !isSanitizerNoiseFrame(f)).slice(0, 2)).toEqual([
      { function: 'parse_record', file: 'src/parser.c', line: 18 },
      { function: 'LLVMFuzzerTestOneInput', file: 'fuzz/fuzz_parse.c', line: 8 },
    ]);
  });

  it('a session that ended on its budget reports no crash', () => {
    expect(parseSanitizerReport(recorded('libfuzzer-fuzz-parse-budget.txt'), workspace)).toBeUndefined();
  });
});
