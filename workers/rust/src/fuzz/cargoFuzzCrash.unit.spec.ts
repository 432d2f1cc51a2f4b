import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meaningfulFrames } from '@fuzzforge/worker-runtime';
import { isCargoFuzzNoiseFrame, parseCargoFuzzCrash } from './cargoFuzzCrash';

const recorded = (name: string): string =>
  readFileSync(new URL(`../__recorded__/${name}`, import.meta.url), 'utf8');
const bugs = '/tmp/ff-rust-rec';

const parsed = (file: string) => {
  const report = parseCargoFuzzCrash(recorded(file), bugs);
  return { ...report, top: meaningfulFrames(report?.frames ?? [], isCargoFuzzNoiseFrame)[0] };
};

describe('parseCargoFuzzCrash', () => {
  it('reads a panic as a panic, not as the deadly signal libFuzzer reports it as', () => {
    expect(parsed('reproduce-unwrap.txt')).toMatchObject({
      type: 'unwrap-none',
      top: { function: 'bugs::unwrap_none', file: 'src/lib.rs', line: 2 },
    });
  });

  it.each([
    [
      'reproduce-asan.txt',
      'heap-buffer-overflow',
      { function: 'bugs::unsafe_read', file: 'src/lib.rs', line: 25 },
    ],
    [
      'reproduce-stack-overflow.txt',
      'stack-overflow',
      { function: 'bugs::recurse', file: 'src/lib.rs', line: 53 },
    ],
    ['reproduce-leak.txt', 'memory-leak', { function: 'bugs::leak', file: 'src/lib.rs', line: 62 }],
    ['reproduce-timeout.txt', 'timeout', { function: 'spin', file: 'src/lib.rs', line: 32 }],
    ['reproduce-oom.txt', 'out-of-memory', { function: 'bugs::hog', file: 'src/lib.rs', line: 39 }],
  ])('falls back to the sanitizer report for %s: %s', (file, type, top) => {
    expect(parsed(file)).toMatchObject({ type, top });
  });

  it('finds no crash in a session that spent its budget', () => {
    expect(parseCargoFuzzCrash(recorded('session-budget.txt'), bugs)).toBeUndefined();
  });
});
