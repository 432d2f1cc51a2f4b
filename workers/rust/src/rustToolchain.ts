import path from 'node:path';
import { probeVersion } from '@fuzzforge/worker-runtime/provision';
import type { RustToolchainEnv } from './env';
import { findStableToolchain, type StableToolchain } from './stableToolchain';

/** Everything the cargo-fuzz engine runs and where it keeps its caches. */
export interface RustToolchain extends StableToolchain {
  cargoFuzz: string;
  cargoFuzzVersion: string;
  /** Absolute: CARGO_HOME (crates.io downloads) and the per-harness target dirs under it. */
  cacheDir: string;
  /** A harness's target dir above this is emptied before its next build. */
  targetDirMaxBytes: number;
  /** llvm-symbolizer for ASan's stack frames, when the machine has one. */
  symbolizer?: string;
}

/**
 * The worker's toolchain as its environment names it (see RustToolchainEnv), checked to answer; undefined
 * when stable cargo/rustc or cargo-fuzz is missing (run `npm run provision -- rust`).
 */
export async function locateRustToolchain(env: RustToolchainEnv): Promise<RustToolchain | undefined> {
  const stable = await findStableToolchain(env.FF_CARGO_PATH);
  const cargoFuzz = env.FF_CARGO_FUZZ_PATH;
  if (!stable.ok || !cargoFuzz) return undefined;
  const cargoFuzzVersion = await probeVersion(cargoFuzz, ['--version'], /cargo-fuzz\s+(\S+)/);
  if (!cargoFuzzVersion) return undefined;
  return {
    ...stable.toolchain,
    cargoFuzz,
    cargoFuzzVersion,
    cacheDir: path.resolve(env.FF_CARGO_CACHE_DIR),
    targetDirMaxBytes: env.FF_CARGO_TARGET_MAX_MB * 1024 * 1024,
    ...(env.FF_LLVM_SYMBOLIZER_PATH ? { symbolizer: env.FF_LLVM_SYMBOLIZER_PATH } : {}),
  };
}
