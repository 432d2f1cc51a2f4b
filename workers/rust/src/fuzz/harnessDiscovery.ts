import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Harness } from '@fuzzforge/worker-runtime';
import { fuzzTargetsOf, isCargoFuzzManifest, type FuzzTarget } from './fuzzManifest';

/** Deep enough for `crates/<name>/fuzz`, bounded so a huge vendored tree is not walked whole. */
const MAX_DEPTH = 6;
const SKIPPED = new Set(['target', 'node_modules', 'vendor']);

/** Directories below `workspace` (itself included, as '') that hold a cargo-fuzz `fuzz/Cargo.toml`. */
async function crateDirs(workspace: string, relative = '', depth = 0): Promise<string[]> {
  const entries = await readdir(path.join(workspace, relative), { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  const manifest = path.join(workspace, relative, 'fuzz', 'Cargo.toml');
  if (isCargoFuzzManifest(await readFile(manifest, 'utf8').catch(() => ''))) found.push(relative);
  if (depth >= MAX_DEPTH) return found;
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
    if (entry.name === 'fuzz') continue;
    found.push(...(await crateDirs(workspace, path.posix.join(relative, entry.name), depth + 1)));
  }
  return found;
}

/** Targets named in `[[bin]]`, else (a manifest cargo-fuzz did not write) the files in fuzz_targets/. */
async function targetsOf(fuzzDir: string): Promise<FuzzTarget[]> {
  const declared = fuzzTargetsOf(await readFile(path.join(fuzzDir, 'Cargo.toml'), 'utf8'));
  if (declared.length) return declared;
  const files = await readdir(path.join(fuzzDir, 'fuzz_targets')).catch(() => [] as string[]);
  return files
    .filter((f) => f.endsWith('.rs'))
    .map((f) => ({ name: f.slice(0, -3), path: `fuzz_targets/${f}` }));
}

/**
 * The cargo-fuzz targets of a workspace, sorted by name: `<target>` for the crate at the root,
 * `<crate dir>/<target>` for one below it (two crates may both have a `parse` target).
 */
export async function discoverCargoFuzzHarnesses(workspace: string): Promise<Harness[]> {
  const harnesses: Harness[] = [];
  for (const crateDir of await crateDirs(workspace)) {
    for (const target of await targetsOf(path.join(workspace, crateDir, 'fuzz'))) {
      harnesses.push({
        name: crateDir ? `${crateDir}/${target.name}` : target.name,
        source: path.posix.normalize(path.posix.join(crateDir, 'fuzz', target.path)),
        detail: { crateDir: crateDir || '.', target: target.name },
      });
    }
  }
  return harnesses.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
