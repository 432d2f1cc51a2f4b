import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { findOnPath, runCommand } from '@fuzzforge/worker-runtime/provision';

/** The stable Rust toolchain as builds run it: its own binaries, never the rustup proxies. */
export interface StableToolchain {
  /** The toolchain's cargo, by absolute path. */
  cargo: string;
  /** The toolchain's bin dir (cargo, rustc): first on every build's PATH. */
  binDir: string;
  rustcVersion: string;
  /** What cargo-fuzz builds for by default: part of the fuzz binary's path. */
  hostTriple: string;
}

/** `rustc -vV` → release and host triple; undefined when the output is not rustc's. Pure. */
export function parseRustcVerbose(output: string): { version: string; host: string } | undefined {
  const version = /^release:\s*(\S+)$/m.exec(output)?.[1];
  const host = /^host:\s*(\S+)$/m.exec(output)?.[1];
  return version && host ? { version, host } : undefined;
}

const executable = (file: string): Promise<boolean> =>
  access(file, constants.X_OK).then(
    () => true,
    () => false,
  );

/**
 * Finds the stable toolchain behind `cargoPath` (or `cargo` on PATH, or rustup's ~/.cargo/bin). With
 * RUSTUP_TOOLCHAIN=stable a rustup proxy answers for stable whatever the default is (a nightly here
 * must not be depended on); a toolchain's own cargo answers for itself. Returns why not otherwise.
 */
export async function findStableToolchain(
  cargoPath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ok: true; toolchain: StableToolchain } | { ok: false; problem: string }> {
  const rustupCargo = path.join(env['HOME'] ?? '/root', '.cargo', 'bin', 'cargo');
  const cargo =
    cargoPath ??
    (await findOnPath('cargo', env['PATH'] ?? '')) ??
    ((await executable(rustupCargo)) ? rustupCargo : undefined);
  if (!cargo) return { ok: false, problem: 'cargo is not on PATH nor in ~/.cargo/bin' };
  const stableEnv = { ...env, RUSTUP_TOOLCHAIN: 'stable' };
  const rustc = path.join(path.dirname(cargo), 'rustc');
  const sysroot = await runCommand(rustc, ['--print', 'sysroot'], stableEnv).catch(() => undefined);
  if (sysroot?.code !== 0) {
    return {
      ok: false,
      problem: `${rustc} --print sysroot failed: ${sysroot?.output.trim() || 'no rustc beside cargo'}`,
    };
  }
  const binDir = path.join(sysroot.output.trim(), 'bin');
  const verbose = await runCommand(path.join(binDir, 'rustc'), ['-vV'], stableEnv).catch(() => undefined);
  const parsed = verbose?.code === 0 ? parseRustcVerbose(verbose.output) : undefined;
  if (!parsed) return { ok: false, problem: `${binDir}/rustc -vV does not answer` };
  const ownCargo = path.join(binDir, 'cargo');
  return {
    ok: true,
    toolchain: {
      cargo: (await executable(ownCargo)) ? ownCargo : cargo,
      binDir,
      rustcVersion: parsed.version,
      hostTriple: parsed.host,
    },
  };
}
