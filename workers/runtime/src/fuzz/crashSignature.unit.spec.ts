import { describe, expect, it } from 'vitest';
import { crashSeverity, crashSignature, meaningfulFrames, normalisedFunction } from './crashSignature';

const stack = [
  { function: '__asan_memcpy', module: 'harness' },
  { function: 'parse_record', file: 'src/parser.c', line: 21 },
  { function: 'parse', file: 'src/parser.c', line: 40 },
  { function: 'LLVMFuzzerTestOneInput', file: 'fuzz/harness.c', line: 9 },
  { function: 'fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long)', module: 'harness' },
  { function: 'main', module: 'harness' },
];

describe('crash signatures', () => {
  it('drops sanitizer and libFuzzer frames and keeps the user code innermost first', () => {
    expect(meaningfulFrames(stack).map((f) => f.function)).toEqual([
      'parse_record',
      'parse',
      'LLVMFuzzerTestOneInput',
      'main',
    ]);
  });

  it('drops what the engine calls noise as well', () => {
    const frames = meaningfulFrames(stack, (f) => f.function === 'main');
    expect(frames.map((f) => f.function)).not.toContain('main');
  });

  it('is the same for a crash seen at shifted lines, and differs by type or by a top frame', () => {
    const top = meaningfulFrames(stack);
    const shifted = top.map((f) => ({ ...f, line: (f.line ?? 0) + 7 }));
    const a = crashSignature('heap-buffer-overflow', top);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(crashSignature('heap-buffer-overflow', shifted)).toBe(a);
    expect(crashSignature('use-after-free', top)).not.toBe(a);
    expect(crashSignature('heap-buffer-overflow', [top[1]!, top[0]!, top[2]!])).not.toBe(a);
  });

  it('ignores frames below the top three', () => {
    const top = meaningfulFrames(stack);
    expect(crashSignature('x', top)).toBe(crashSignature('x', top.slice(0, 3)));
  });

  it('normalises what varies between builds in a function name', () => {
    expect(normalisedFunction('fuzz_parse::parse::h0123456789abcdef')).toBe('fuzz_parse::parse');
    expect(normalisedFunction('Parser::read(char const*, unsigned long) const')).toBe('Parser::read');
    expect(normalisedFunction('example.com/p.FuzzParse.func1')).toBe('example.com/p.FuzzParse');
  });

  it('rates memory corruption above a panic and a panic above a timeout', () => {
    expect(crashSeverity('heap-buffer-overflow')).toBe('critical');
    expect(crashSeverity('panic')).toBe('medium');
    expect(crashSeverity('timeout')).toBe('low');
  });
});
