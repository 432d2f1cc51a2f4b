import { createHash } from 'node:crypto';
import { lstat, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** The cargo target dir a harness builds in, run after run: `<cache>/target/<readable name>-<hash>`. Pure. */
export function harnessTargetDir(cacheDir: string, harnessName: string): string {
  const readable = harnessName.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60);
  const hash = createHash('sha256').update(harnessName).digest('hex').slice(0, 12);
  return path.join(cacheDir, 'target', `${readable}-${hash}`);
}

async function diskBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await diskBytes(full);
    else total += (await lstat(full).catch(() => undefined))?.size ?? 0;
  }
  return total;
}

/**
 * Empties a harness's target dir once it outgrew `maxBytes`. Every run builds a fresh copy of the
 * workspace at a new path, and cargo names a path crate's artifacts after its absolute path, so each
 * run leaves its own; only crates.io dependencies are reused. The next build after emptying is a cold
 * one (libFuzzer compiled again: minutes).
 */
export async function capTargetDir(dir: string, maxBytes: number): Promise<boolean> {
  if ((await diskBytes(dir)) <= maxBytes) return false;
  await rm(dir, { recursive: true, force: true });
  return true;
}

/** Older than this, a binary is no other run's either: that run copied it out right after its build. */
const STALE_AFTER_MS = 10 * 60_000;

/**
 * Deletes the fuzz binaries earlier runs linked in `deps/` (`<target>-<hash>`, ~20 MB each, never
 * reused: the hash follows the workspace path). Keeps growth per run to the user's small rlibs.
 */
export async function pruneStaleBinaries(releaseDir: string, target: string, now: number): Promise<void> {
  const deps = path.join(releaseDir, 'deps');
  const binary = new RegExp(
    `^${target.replace(/-/g, '_').replace(/[^A-Za-z0-9_]/g, '\\$&')}-[0-9a-f]{16}(\\.d)?$`,
  );
  for (const name of await readdir(deps).catch(() => [] as string[])) {
    if (!binary.test(name)) continue;
    const file = path.join(deps, name);
    const modified = (await stat(file).catch(() => undefined))?.mtimeMs ?? now;
    if (now - modified > STALE_AFTER_MS) await rm(file, { force: true });
  }
}
