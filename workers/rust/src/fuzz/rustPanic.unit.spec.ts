import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meaningfulFrames } from '@fuzzforge/worker-runtime';
import { isRustNoiseFrame } from './rustNoiseFrames';
import { parseRustPanic } from './rustPanic';

const recorded = (name: string): string =>
  readFileSync(new URL(`../__recorded__/${name}`, import.meta.url), 'utf8');
// Where each recording's crate lived (see __recorded__/README.md).
const fixture = '/tmp/ff-rust-fixture';
const bugs = '/tmp/ff-rust-rec';

const top = (output: string, workspace: string) => {
  const report = parseRustPanic(output, workspace);
  return { ...report, meaningful: meaningfulFrames(report?.frames ?? [], isRustNoiseFrame).slice(0, 2) };
};

describe('parseRustPanic', () => {
  it('reads the fixture panic from a fuzzing session: type, message, the parser then the fuzz target', () => {
    const report = top(recorded('session-panic.txt'), fixture);
    expect(report.type).toBe('index-out-of-bounds');
    expect(report.summary).toBe('range end index 148 out of range for slice of length 8');
    expect(report.meaningful).toEqual([
      { function: 'record_parser::parse_record', file: 'src/lib.rs', line: 26 },
      { function: 'parse::_::__libfuzzer_sys_run', file: 'fuzz/fuzz_targets/parse.rs', line: 6 },
    ]);
    // Every frame is kept (the signature picks), including the panic machinery above the parser.
    expect(report.frames?.length).toBeGreaterThan(30);
  });

  it('reads the panic out of a fork-mode session, where a job replays its log', () => {
    const report = top(recorded('session-fork-panic.txt'), fixture);
    expect(report.type).toBe('index-out-of-bounds');
    expect(report.meaningful[0]).toEqual({
      function: 'record_parser::parse_record',
      file: 'src/lib.rs',
      line: 26,
    });
  });

  it.each([
    [
      'reproduce-unwrap.txt',
      'unwrap-none',
      'called `Option::unwrap()` on a `None` value',
      'bugs::unwrap_none',
    ],
    ['reproduce-overflow.txt', 'arithmetic-overflow', 'attempt to add with overflow', 'add_overflow'],
    ['reproduce-panic.txt', 'panic', 'unsupported version 7', 'bugs::explicit_panic'],
    [
      'reproduce-index.txt',
      'index-out-of-bounds',
      'index out of bounds: the len is 3 but the index is 9',
      'index_oob',
    ],
    ['reproduce-divide.txt', 'division-by-zero', 'attempt to divide by zero', 'divide'],
    [
      'reproduce-result.txt',
      'unwrap-err',
      /^called `Result::unwrap\(\)` on an `Err` value: Utf8Error/,
      'bugs::result_unwrap',
    ],
    ['reproduce-str.txt', 'panic', /^end byte index 2 is not a char boundary/, 'bugs::str_slice'],
  ])('classifies %s as %s', (file, type, summary, innermost) => {
    // A user function inlined into the fuzz target prints its short name (`divide`), as ASan shows it.
    const report = top(recorded(file), bugs);
    expect(report.type).toBe(type);
    expect(report.summary).toMatch(summary);
    expect(report.meaningful[0]).toMatchObject({ function: innermost, file: 'src/lib.rs' });
    expect(report.meaningful[1]).toMatchObject({
      function: 'bugs::_::__libfuzzer_sys_run',
      file: 'fuzz/fuzz_targets/bugs.rs',
    });
  });

  it("falls back to Rust's own backtrace when ASan had no llvm-symbolizer", () => {
    const report = top(recorded('reproduce-index-nosymbolizer.txt'), bugs);
    expect(report.type).toBe('index-out-of-bounds');
    // Rust prints files under its working directory (the engine runs in the workspace) as `./…`.
    expect(report.meaningful).toEqual([
      { function: 'index_oob', file: 'src/lib.rs', line: 17 },
      { function: '__libfuzzer_sys_run', file: 'fuzz/fuzz_targets/bugs.rs', line: 10 },
    ]);
  });

  it('reads the message of the format Rust printed before 1.73', () => {
    const output = [
      "thread '<unnamed>' panicked at 'attempt to multiply with overflow', src/lib.rs:12:9",
      'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
      '==7386== ERROR: libFuzzer: deadly signal',
    ].join('\n');
    expect(parseRustPanic(output, fixture)).toEqual({
      type: 'arithmetic-overflow',
      summary: 'attempt to multiply with overflow',
      frames: [],
    });
  });

  it('finds no panic in a sanitizer report, a timeout or a clean session', () => {
    for (const file of [
      'reproduce-asan.txt',
      'reproduce-timeout.txt',
      'reproduce-oom.txt',
      'session-budget.txt',
    ]) {
      expect(parseRustPanic(recorded(file), bugs)).toBeUndefined();
    }
  });
});
