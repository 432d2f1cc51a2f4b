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

  it('keeps a frame in an object without line info, named bare, and reads on past it', () => {
    // AFL++'s libFuzzer driver, as a reproduction of an AFL build prints it.
    const afl = [
      '    #0 0x55dfebc36dc9 in parse_record /w/src/parser.c:18:63',
      '    #1 0x55dfebc357fa in LLVMFuzzerTestOneInput /w/fuzz/fuzz_parse.c:8:7',
      '    #2 0x55dfebc356dd in ExecuteFilesOnyByOne aflpp_driver.o',
      '    #3 0x55dfebc354d8 in LLVMFuzzerRunDriver (/b/fuzz_parse.afl+0xe04d8) (BuildId: 4d50a3bf)',
      '    #4 0x55dfebc350e8 in main (/b/fuzz_parse.afl+0xe00e8) (BuildId: 4d50a3bf)',
    ];
    expect(parseSanitizerStack(afl, '/w').slice(2)).toEqual([
      { function: 'ExecuteFilesOnyByOne', module: 'aflpp_driver.o' },
      { function: 'LLVMFuzzerRunDriver', module: 'fuzz_parse.afl' },
      { function: 'main', module: 'fuzz_parse.afl' },
    ]);
    // A Rust codegen unit of libfuzzer-sys, between the panic machinery and the harness.
    const rust = [
      '    #0 0x5578c3fcbd00 in std::panicking::try::h0e1f /rustc/4a4e/library/std/src/panicking.rs:552:19',
      '    #1 0x5578c3fcbcfb in __rust_try libfuzzer_sys.b60656bad3deedb0-cgu.0',
      '    #2 0x5578c3fca111 in fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long) libfuzzer.o',
      '    #3 0x5578c3fca222 in rust_fuzzer_test_input /w/fuzz/src/lib.rs:20:9',
    ];
    expect(parseSanitizerStack(rust, '/w').map((f) => [f.function, f.module ?? f.file])).toEqual([
      ['std::panicking::try::h0e1f', '/rustc/4a4e/library/std/src/panicking.rs'],
      ['__rust_try', 'libfuzzer_sys.b60656bad3deedb0-cgu.0'],
      ['fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long)', 'libfuzzer.o'],
      ['rust_fuzzer_test_input', 'fuzz/src/lib.rs'],
    ]);
  });

  it('keeps paths outside the workspace as printed', () => {
    const frames = parseSanitizerStack(['    #0 0x1 in memcpy /usr/src/libc/memcpy.c:3:1'], '/w');
    expect(frames).toEqual([{ function: 'memcpy', file: '/usr/src/libc/memcpy.c', line: 3 }]);
  });

  it('finds no frames in output without a stack', () => {
    expect(parseSanitizerStack(['INFO: Seed: 1', 'Done 100 runs'], '/w')).toEqual([]);
  });

  it('keeps a frame that names only its function', () => {
    const frames = parseSanitizerStack(
      ['    #0 0x1 in crash /w/src/a.c:3:1', '    #1 0x2 in main', '    #2 0x3 in _start'],
      '/w',
    );
    expect(frames.map((f) => f.function)).toEqual(['crash', 'main', '_start']);
  });
});
