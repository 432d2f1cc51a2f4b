import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  HarnessBuildError,
  type BuiltHarness,
  type EngineContext,
  type Harness,
} from '@fuzzforge/worker-runtime';
import type { RustToolchain } from '../rustToolchain';
import { buildEnv } from './cargoFuzzEnv';
import { capTargetDir, harnessTargetDir, pruneStaleBinaries } from './harnessTargetDir';

/** A cold build compiles libFuzzer's C++ and every dependency: minutes on two cores. */
const BUILD_TIMEOUT_MS = 30 * 60_000;
const LOG_TAIL_LINES = 60;

const tail = (text: string, lines: number): string => text.trimEnd().split('\n').slice(-lines).join('\n');

/**
 * `cargo fuzz build -O -a <target>` in the harness's crate: release with debug assertions, so overflow
 * checks panic as they do in tests; ASan (cargo-fuzz's default) on the stable toolchain. Crates are
 * fetched first (network on), then the build runs offline. The target dir is kept per harness across runs (a warm build takes seconds); the
 * binary is copied into the run's scratch, so a concurrent build of the same harness cannot replace it
 * while it fuzzes.
 */
export async function buildCargoFuzzHarness(
  toolchain: RustToolchain,
  harness: Harness,
  ctx: EngineContext,
): Promise<BuiltHarness> {
  const crateDir = path.join(ctx.workspace, harness.detail?.['crateDir'] ?? '.');
  const target = harness.detail?.['target'] ?? harness.name;
  const targetDir = harnessTargetDir(toolchain.cacheDir, harness.name);
  await capTargetDir(targetDir, toolchain.targetDirMaxBytes);
  await mkdir(targetDir, { recursive: true });
  // Only the download touches the network: build scripts and proc-macros of the target (untrusted
  // code) then run offline, in the sandbox's empty network namespace.
  const fetched = await ctx.run({
    command: toolchain.cargo,
    args: ['fetch', '--manifest-path', path.join(crateDir, 'fuzz', 'Cargo.toml')],
    cwd: crateDir,
    env: buildEnv(toolchain),
    timeoutMs: BUILD_TIMEOUT_MS,
    network: 'host',
  });
  if (fetched.exitCode !== 0) {
    throw new HarnessBuildError(
      `cargo fetch for ${harness.name} failed (exit ${fetched.exitCode ?? fetched.signal})`,
      tail(`${fetched.stdout}${fetched.stderr}`, LOG_TAIL_LINES),
    );
  }
  const result = await ctx.run({
    command: toolchain.cargoFuzz,
    // cargo-fuzz as cargo starts it (`cargo fuzz …` runs `cargo-fuzz fuzz …`), whatever its file name.
    args: [
      'fuzz',
      'build',
      '-O',
      '-a',
      '--fuzz-dir',
      path.join(crateDir, 'fuzz'),
      '--target-dir',
      targetDir,
      target,
    ],
    cwd: crateDir,
    env: { ...buildEnv(toolchain), CARGO_NET_OFFLINE: 'true' },
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  const log = `${result.stdout}${result.stderr}`;
  if (result.exitCode !== 0) {
    const why = result.timedOut
      ? `timed out after ${BUILD_TIMEOUT_MS / 60_000} minutes`
      : `exit ${result.exitCode}`;
    throw new HarnessBuildError(
      `cargo fuzz build of ${harness.name} failed (${why})`,
      tail(log, LOG_TAIL_LINES),
    );
  }
  const releaseDir = path.join(targetDir, toolchain.hostTriple, 'release');
  const built = path.join(releaseDir, target);
  const binary = path.join(ctx.scratch, 'cargo-fuzz', path.basename(targetDir));
  await mkdir(path.dirname(binary), { recursive: true });
  await copyFile(built, binary).catch(() => {
    throw new HarnessBuildError(
      `cargo fuzz build of ${harness.name} left no binary at ${built}`,
      tail(log, LOG_TAIL_LINES),
    );
  });
  await pruneStaleBinaries(releaseDir, target, Date.now());
  return { harness, binary, detail: { crateDir, targetDir } };
}
