import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSanitizerNoiseFrame, parseSanitizerReport } from './sanitizerReport';

// Recorded in /tmp/ff-record from crashers.c (see __recorded__/README.md).
const workspace = '/tmp/ff-record';
const recorded = (name: string): string =>
  readFileSync(new URL(`./__recorded__/${name}.txt`, import.meta.url), 'utf8');
const parse = (name: string) => parseSanitizerReport(recorded(name), workspace);
const topFrame = (name: string) => parse(name)?.frames.find((f) => !isSanitizerNoiseFrame(f));

describe('parseSanitizerReport', () => {
  it.each([
    ['asan-heap-buffer-overflow', 'heap-buffer-overflow', 'LLVMFuzzerTestOneInput', 23],
    ['asan-stack-buffer-overflow', 'stack-buffer-overflow', 'LLVMFuzzerTestOneInput', 24],
    ['asan-global-buffer-overflow', 'global-buffer-overflow', 'LLVMFuzzerTestOneInput', 25],
    ['asan-heap-use-after-free', 'use-after-free', 'LLVMFuzzerTestOneInput', 26],
    ['asan-double-free', 'double-free', 'LLVMFuzzerTestOneInput', 27],
    ['asan-segv-zero-page', 'null-dereference', 'LLVMFuzzerTestOneInput', 28],
    ['asan-segv-wild', 'segv', 'LLVMFuzzerTestOneInput', 29],
    ['asan-stack-overflow', 'stack-overflow', 'recurse', 16],
    ['ubsan-signed-integer-overflow', 'signed-integer-overflow', 'LLVMFuzzerTestOneInput', 31],
    ['ubsan-division-by-zero', 'division-by-zero', 'LLVMFuzzerTestOneInput', 32],
    ['libfuzzer-timeout', 'timeout', 'LLVMFuzzerTestOneInput', 33],
    ['libfuzzer-out-of-memory', 'out-of-memory', 'LLVMFuzzerTestOneInput', 34],
    ['lsan-memory-leak', 'memory-leak', 'LLVMFuzzerTestOneInput', 35],
    ['libfuzzer-deadly-signal', 'deadly-signal', 'LLVMFuzzerTestOneInput', 36],
  ])('%s: a %s whose first meaningful frame is %s at line %i', (name, type, fn, line) => {
    expect(parse(name)?.type).toBe(type);
    expect(topFrame(name)).toEqual({ function: fn, file: 'crashers.c', line });
  });

  it('summarises ASan reports with the access, without per-run registers', () => {
    expect(parse('asan-heap-buffer-overflow')?.summary).toMatch(
      /^heap-buffer-overflow on address 0x[0-9a-f]+, READ of size 1$/,
    );
    expect(parse('asan-double-free')?.summary).toMatch(/^attempting double-free on 0x[0-9a-f]+$/);
    expect(parse('asan-segv-zero-page')?.summary).toBe('SEGV on unknown address 0x000000000040');
  });

  it('summarises the other detectors with their own words', () => {
    expect(parse('ubsan-signed-integer-overflow')?.summary).toBe(
      "signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'",
    );
    expect(parse('libfuzzer-timeout')?.summary).toMatch(/^timeout after \d+ seconds$/);
    expect(parse('libfuzzer-out-of-memory')?.summary).toMatch(
      /^out-of-memory \(used: \d+Mb; limit: 256Mb\)$/,
    );
    expect(parse('lsan-memory-leak')?.summary).toBe(
      'detected memory leaks: Direct leak of 32 byte(s) in 1 object(s)',
    );
  });

  it('keeps the crash stack, not the allocation or free stacks after it', () => {
    const frames = parse('asan-heap-use-after-free')?.frames ?? [];
    expect(frames[0]).toEqual({ function: 'LLVMFuzzerTestOneInput', file: 'crashers.c', line: 26 });
    expect(frames.filter((f) => f.function === 'LLVMFuzzerTestOneInput')).toHaveLength(1);
  });

  it('falls back to the place UBSan names when it printed no stack', () => {
    expect(parse('ubsan-without-stack')).toEqual({
      type: 'division-by-zero',
      summary: 'division by zero',
      frames: [{ function: '<unknown>', file: 'crashers.c', line: 32 }],
    });
  });

  it('finds nothing in a run without a crash', () => {
    const clean =
      'INFO: Seed: 1\n#2\tINITED cov: 4 ft: 5 corp: 1/1b exec/s: 0 rss: 30Mb\nDone 2 runs in 0 second(s)\n';
    expect(parseSanitizerReport(clean, workspace)).toBeUndefined();
  });
});

describe('isSanitizerNoiseFrame', () => {
  it('skips the runtime, libFuzzer, the driver and libc around the crash', () => {
    const frames = parse('libfuzzer-deadly-signal')?.frames ?? [];
    expect(frames.filter((f) => !isSanitizerNoiseFrame(f)).map((f) => f.function)).toEqual([
      'LLVMFuzzerTestOneInput',
    ]);
    expect(frames.length).toBeGreaterThan(10);
  });

  it('keeps user functions, even ones named like allocators, when they have a source line', () => {
    expect(isSanitizerNoiseFrame({ function: 'free_record', file: 'src/parser.c', line: 22 })).toBe(false);
    expect(isSanitizerNoiseFrame({ function: 'malloc', module: 'fuzz_parse' })).toBe(true);
    expect(isSanitizerNoiseFrame({ function: '<unknown>', module: 'libc.so.6' })).toBe(true);
    expect(isSanitizerNoiseFrame({ function: '<unknown>', module: 'libparser.so' })).toBe(false);
  });
});
