import { z } from 'zod';
import { VerticalWorkerEnv } from '@fuzzforge/worker-runtime';

/** The variables that locate the Rust toolchain; `locateRustToolchain` takes exactly these. */
export const RustToolchainEnv = z.object({
  /** The stable toolchain's cargo (provisioning sets it); its directory holds the rustc every build uses. */
  FF_CARGO_PATH: z.string().min(1).optional(),
  /** The pinned cargo-fuzz binary (provisioning sets it): builds harnesses with the fuzzing flags. */
  FF_CARGO_FUZZ_PATH: z.string().min(1).optional(),
  /** Names functions in ASan's stacks; without it frames come from Rust's own panic backtrace only. */
  FF_LLVM_SYMBOLIZER_PATH: z.string().min(1).optional(),
  /**
   * crates.io downloads (CARGO_HOME) and one cargo target dir per harness, kept across runs so a re-run
   * builds in seconds instead of recompiling libFuzzer. Not under FF_WORKER_CACHE_DIR: the target
   * cache's eviction would delete it mid-build.
   */
  FF_CARGO_CACHE_DIR: z.string().min(1).default('.stack/cache/cargo'),
  /** A harness's target dir above this is emptied before its next build (each run adds its own artifacts). */
  FF_CARGO_TARGET_MAX_MB: z.coerce.number().int().positive().default(4096),
});
export type RustToolchainEnv = z.infer<typeof RustToolchainEnv>;

/** Configuration of the rust worker, parsed once in main.ts. */
export const RustWorkerEnv = VerticalWorkerEnv.extend({
  ...RustToolchainEnv.shape,
  /** Where provisioning installed cargo-fuzz when FF_CARGO_FUZZ_PATH is not set (`<stack>/tools/cargo-fuzz`). */
  FF_STACK_DIR: z.string().default('.stack'),
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/rust'),
  /** Campaigns run at once by this worker process: each keeps a core busy, and a build takes them all. */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(1),
});
export type RustWorkerEnv = z.infer<typeof RustWorkerEnv>;
