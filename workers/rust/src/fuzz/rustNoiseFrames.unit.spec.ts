import { describe, expect, it } from 'vitest';
import { isRustNoiseFrame } from './rustNoiseFrames';

describe('isRustNoiseFrame', () => {
  it.each([
    { function: 'core::panicking::panic_fmt', file: '/rustc/5980/library/core/src/panicking.rs' },
    { function: 'core::slice::index::slice_index_fail' },
    { function: 'index<u8>', file: '/rustc/5980/library/core/src/slice/index.rs', line: 443 },
    { function: '__rustc::rust_begin_unwind' },
    { function: '__rust_try', module: 'libfuzzer_sys.b60656bad3deedb0-cgu.0' },
    { function: 'std::sys::pal::unix::abort_internal' },
    { function: 'rust_fuzzer_test_input' },
    {
      function: '{closure#0}',
      file: '/home/u/.cargo/registry/src/index.crates.io-1949/libfuzzer-sys-0.4.13/src/lib.rs',
    },
    {
      function:
        '<alloc::boxed::Box<dyn core::ops::function::Fn<(&std::panic::PanicHookInfo,)>> as core::ops::function::Fn<(&std::panic::PanicHookInfo,)>>::call',
    },
    { function: '<usize as core::slice::index::SliceIndex<[u8]>>::index' },
    { function: '<alloc::vec::Vec<u8>>::push' },
    { function: '__pthread_kill_implementation', file: 'nptl/./nptl/pthread_kill.c' },
    { function: '<unknown>', module: 'libc.so.6' },
  ])('drops $function', (frame) => {
    expect(isRustNoiseFrame(frame)).toBe(true);
  });

  it.each([
    { function: 'record_parser::parse_record', file: 'src/lib.rs', line: 26 },
    // The body of the user's fuzz_target! closure.
    { function: 'parse::_::__libfuzzer_sys_run', file: 'fuzz/fuzz_targets/parse.rs', line: 6 },
    { function: '<record_parser::Header as core::convert::TryFrom<&[u8]>>::try_from', file: 'src/header.rs' },
    { function: '<alloc::vec::Vec<u8> as record_parser::Decode>::decode', file: 'src/decode.rs' },
    { function: 'serde_json::de::from_slice' },
  ])('keeps $function', (frame) => {
    expect(isRustNoiseFrame(frame)).toBe(false);
  });
});
