import type { Logger } from '@fuzzforge/observability';
import { ProvisionError, probeVersion } from '@fuzzforge/worker-runtime/provision';
import { findLlvmSymbolizer } from './llvmSymbolizer';
import { provisionCargoFuzz } from './provisionCargoFuzz';
import { findStableToolchain } from './stableToolchain';

/**
 * Makes the rust vertical's toolchain ready (idempotent) and returns the environment its worker needs:
 * the stable toolchain's own cargo, the pinned cargo-fuzz (installed under `<stackRoot>/tools` once)
 * and, when the machine has one, llvm-symbolizer. FF_CARGO_PATH / FF_CARGO_FUZZ_PATH, when already
 * set, win and are only checked. Rust itself is not installed here: rustup's downloads are not a
 * package registry.
 */
export async function provisionRustVertical(
  stackRoot: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<Record<string, string>> {
  const configured = env['FF_CARGO_FUZZ_PATH'];
  if (configured && !(await probeVersion(configured, ['--version'], /cargo-fuzz\s+(\S+)/))) {
    throw new ProvisionError(
      'prerequisite-missing',
      `FF_CARGO_FUZZ_PATH=${configured} does not answer \`cargo-fuzz --version\``,
      'point FF_CARGO_FUZZ_PATH at a working cargo-fuzz, or unset it and run `npm run provision -- rust`',
    );
  }
  const stable = await findStableToolchain(env['FF_CARGO_PATH'], env);
  if (!stable.ok) {
    throw new ProvisionError(
      'prerequisite-missing',
      `no stable Rust toolchain: ${stable.problem}`,
      'install Rust with rustup (`rustup toolchain install stable`) or point FF_CARGO_PATH at a stable cargo',
    );
  }
  const cargoFuzz = configured ?? (await provisionCargoFuzz(stackRoot, stable.toolchain, log));
  const symbolizer = env['FF_LLVM_SYMBOLIZER_PATH'] ?? (await findLlvmSymbolizer(env['PATH'] ?? ''));
  if (!symbolizer) {
    log.warn('no llvm-symbolizer: panics keep their frames (Rust backtrace), sanitizer reports lose names', {
      fix: 'apt-get install llvm',
    });
  }
  log.info('Rust tools ready', { rustc: stable.toolchain.rustcVersion, cargoFuzz });
  return {
    FF_CARGO_PATH: stable.toolchain.cargo,
    FF_CARGO_FUZZ_PATH: cargoFuzz,
    ...(symbolizer ? { FF_LLVM_SYMBOLIZER_PATH: symbolizer } : {}),
  };
}
