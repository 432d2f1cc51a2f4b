import { describe, expect, it } from 'vitest';
import { parseSanitizerStack } from './stackFrames';

const report = `==4711==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000015
READ of size 1 at 0x602000000015 thread T0
    #0 0x55d0c8a1b2c3 in parse_record /tmp/ff-fuzz-x/ws/src/parser.c:21:14
    #1 0x55d0c8a1b3d4 in LLVMFuzzerTestOneInput /tmp/ff-fuzz-x/ws/fuzz/harness.c:9:3
    #2 0x55d0c8a0a111 in fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long) (/tmp/ff-fuzz-x/build/harness+0x43111) (BuildId: 7f3a)
    #3 0x7f01 (/lib/x86_64-linux-gnu/libc.so.6+0x2724a)

0x602000000015 is located 0 bytes to the right of 5-byte region
allocated by thread T0 here:
    #0 0x55d0c8a19999 in malloc
    #1 0x55d0c8a1b111 in parse_record /tmp/ff-fuzz-x/ws/src/parser.c:15:20
`;

describe('parseSanitizerStack', () => {
  it('reads the crash stack, relative to the workspace, and stops before the allocation stack', () => {
    const frames = parseSanitizerStack(report.split('\n'), '/tmp/ff-fuzz-x/ws');
    expect(frames).toEqual([
      { function: 'parse_record', file: 'src/parser.c', line: 21 },
      { function: 'LLVMFuzzerTestOneInput', file: 'fuzz/harness.c', line: 9 },
      {
        function: 'fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long)',
        module: 'harness',
      },
      { function: '<unknown>', module: 'libc.so.6' },
    ]);
  });

  it('keeps paths outside the workspace as printed', () => {
    const frames = parseSanitizerStack(['    #0 0x1 in memcpy /usr/src/libc/memcpy.c:3:1'], '/w');
    expect(frames).toEqual([{ function: 'memcpy', file: '/usr/src/libc/memcpy.c', line: 3 }]);
  });

  it('finds no frames in output without a stack', () => {
    expect(parseSanitizerStack(['INFO: Seed: 1', 'Done 100 runs'], '/w')).toEqual([]);
  });
});
