import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import {
  isInstalled,
  markInstalled,
  ProvisionError,
  runCommand,
  tailLines,
  withInstallLock,
} from '@fuzzforge/worker-runtime/provision';
import { cargoInstallFailure } from './cargoInstallFailure';
import type { StableToolchain } from './stableToolchain';

/** The cargo-fuzz release this vertical is tested with. */
export const cargoFuzzVersion = '0.13.2';
const pins = { 'cargo-fuzz': cargoFuzzVersion };

/** Where provisioning installs cargo-fuzz under the stack dir (`cargo install --root`). */
export const cargoFuzzRootOf = (stackRoot: string): string => path.join(stackRoot, 'tools', 'cargo-fuzz');
export const cargoFuzzBinaryOf = (stackRoot: string): string =>
  path.join(cargoFuzzRootOf(stackRoot), 'bin', 'cargo-fuzz');

/**
 * Builds the pinned cargo-fuzz from crates.io with the stable toolchain into `<stackRoot>/tools/cargo-fuzz`
 * once and returns the binary: crates.io is reachable where release downloads are not. Idempotent (a
 * marker written last records the version) and safe against a concurrent provisioner (a lock). The first
 * build compiles cargo-fuzz and its dependencies: about three minutes on two cores.
 */
export async function provisionCargoFuzz(
  stackRoot: string,
  toolchain: StableToolchain,
  log: Logger,
): Promise<string> {
  const dir = cargoFuzzRootOf(stackRoot);
  const binary = cargoFuzzBinaryOf(stackRoot);
  if (await isInstalled(dir, pins, [binary])) return binary;
  return withInstallLock(dir, log, async () => {
    if (await isInstalled(dir, pins, [binary])) return binary;
    log.info('installing cargo-fuzz from crates.io (first run only: compiles it, about 3 minutes)', {
      version: cargoFuzzVersion,
      rustc: toolchain.rustcVersion,
    });
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const env = {
      ...process.env,
      RUSTUP_TOOLCHAIN: 'stable',
      PATH: `${toolchain.binDir}${path.delimiter}${process.env['PATH'] ?? ''}`,
    };
    const args = ['install', '--locked', 'cargo-fuzz', '--version', cargoFuzzVersion, '--root', dir];
    const built = await runCommand(toolchain.cargo, args, env);
    const logFile = path.join(dir, 'cargo-install.log');
    await writeFile(logFile, built.output);
    if (built.code !== 0) {
      const code = cargoInstallFailure(built.output);
      throw new ProvisionError(
        code,
        `cargo install of cargo-fuzz ${cargoFuzzVersion} failed:\n${tailLines(built.output, 12)}`,
        code === 'registry-unreachable'
          ? 'check network access to crates.io (or a registry mirror configured in CARGO_HOME) and retry'
          : `read ${logFile} for cargo's full output`,
      );
    }
    await markInstalled(dir, pins);
    return binary;
  });
}
