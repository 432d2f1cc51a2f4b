/** How an engine compiles harnesses: the compilers, and what instruments the code and links the engine. */
export interface HarnessCompiler {
  cc: string;
  cxx: string;
  /** Flags of every compile (OSS-Fuzz's $CFLAGS): debug info, optimisation, sanitizers, coverage. */
  cflags: string[];
  /** What links the fuzzing engine's driver in (OSS-Fuzz's $LIB_FUZZING_ENGINE). */
  libFuzzingEngine: string;
  /** Added to every compile's environment; `out` is the build's output directory. */
  env(out: string): Record<string, string>;
  /** OSS-Fuzz's $FUZZING_ENGINE, for build scripts that branch on it. */
  fuzzingEngine: 'libfuzzer' | 'afl';
}

/** clang flags both engines share: line-accurate stacks at a speed worth fuzzing at. */
export const baseCflags = ['-g', '-O1', '-fno-omit-frame-pointer'];
