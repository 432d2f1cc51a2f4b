/**
 * The environment a sanitized harness runs in outside AFL: symbolized stacks (function, file, line),
 * UBSan reports with their stack that stop the run (a report the fuzzer ignores is a bug nobody sees),
 * and temporary files (libFuzzer's fork and minimize modes) in the run's scratch directory.
 */
export function sanitizerEnv(llvmSymbolizer: string, tmpdir: string): Record<string, string> {
  return {
    ASAN_SYMBOLIZER_PATH: llvmSymbolizer,
    ASAN_OPTIONS: `external_symbolizer_path=${llvmSymbolizer}`,
    UBSAN_OPTIONS: `print_stacktrace=1:halt_on_error=1:external_symbolizer_path=${llvmSymbolizer}`,
    TMPDIR: tmpdir,
  };
}
