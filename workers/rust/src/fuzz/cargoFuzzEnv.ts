import path from 'node:path';
import type { RustToolchain } from '../rustToolchain';

/** Where cargo keeps crates.io downloads for every build: shared, so each crate is fetched once. */
export const cargoHomeOf = (toolchain: RustToolchain): string => path.join(toolchain.cacheDir, 'home');

/**
 * The environment of `cargo fuzz build` (added to the scrubbed PATH/HOME/LANG). The stable toolchain's
 * own bin dir comes first, so every `cargo`/`rustc` cargo-fuzz starts is that toolchain, never a
 * rustup default (a nightly here is not there on a fresh machine). RUSTC_BOOTSTRAP=1 lets stable
 * accept the `-Z` flags cargo-fuzz passes (`-Zsanitizer=address`); RUSTUP_TOOLCHAIN pins any proxy
 * still reached. The worker's own PATH follows, for the C++ compiler libfuzzer-sys builds libFuzzer with.
 */
export function buildEnv(toolchain: RustToolchain): Record<string, string> {
  return {
    PATH: [
      toolchain.binDir,
      path.dirname(toolchain.cargoFuzz),
      process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    ].join(path.delimiter),
    CARGO: toolchain.cargo,
    CARGO_HOME: cargoHomeOf(toolchain),
    RUSTC_BOOTSTRAP: '1',
    RUSTUP_TOOLCHAIN: 'stable',
    CARGO_TERM_COLOR: 'never',
  };
}

/**
 * The environment of a fuzz binary: Rust prints its own symbolized backtrace on a panic (the frames
 * when ASan has no llvm-symbolizer), libFuzzer's fork and merge temp files stay in the run's scratch.
 * ASan's ODR check is off, as `cargo fuzz run` has it: it reports false violations in Rust binaries.
 */
export function runEnv(toolchain: RustToolchain, tmpDir: string): Record<string, string> {
  return {
    RUST_BACKTRACE: '1',
    TMPDIR: tmpDir,
    ASAN_OPTIONS: 'detect_odr_violation=0',
    ...(toolchain.symbolizer ? { ASAN_SYMBOLIZER_PATH: toolchain.symbolizer } : {}),
  };
}
