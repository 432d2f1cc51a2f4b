import { z } from 'zod';
import { VerticalWorkerEnv } from '@fuzzforge/worker-runtime';

/** Configuration of the native (C/C++) worker, parsed once in main.ts. */
export const NativeWorkerEnv = VerticalWorkerEnv.extend({
  /** Use this cppcheck instead of the one on PATH (provisioning sets it). */
  FF_CPPCHECK_PATH: z.string().min(1).optional(),
  /** Use this flawfinder instead of the one on PATH (provisioning sets it; may be our PyPI venv's). */
  FF_FLAWFINDER_PATH: z.string().min(1).optional(),
  /**
   * clang with the libFuzzer and sanitizer runtimes that builds libFuzzer harnesses (provisioning sets
   * it; default: clang-14, then clang, on PATH). Its clang++ is the sibling named `clang++…`.
   */
  FF_CLANG_PATH: z.string().min(1).optional(),
  /** llvm-symbolizer for sanitizer stacks: without it crashes have no file and line (default: on PATH). */
  FF_LLVM_SYMBOLIZER_PATH: z.string().min(1).optional(),
  /** AFL++'s afl-fuzz that runs the `afl` engine (provisioning sets it; default: on PATH). */
  FF_AFL_FUZZ_PATH: z.string().min(1).optional(),
  /** AFL++'s afl-clang-fast that builds AFL harnesses; afl-clang-fast++ is its sibling (default: on PATH). */
  FF_AFL_CC_PATH: z.string().min(1).optional(),
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/native'),
  /** Scans run at once by this worker process (cppcheck is CPU-bound: keep it near the core count). */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
});
export type NativeWorkerEnv = z.infer<typeof NativeWorkerEnv>;
