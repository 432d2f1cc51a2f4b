import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Harness } from '@fuzzforge/worker-runtime';

// `func FuzzParse(f *testing.F) {`: Go runs Fuzz, or Fuzz followed by anything but a lowercase letter.
const FUZZ_FUNC = /^func\s+(Fuzz(?:[^a-z\s(]\w*)?)\s*\(\s*\w+\s+\*testing\.F\s*\)/gm;

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

// The go command ignores testdata, vendor and dirs starting with `.` or `_` when matching packages.
const skipped = (dir: string): boolean =>
  dir === 'testdata' || dir === 'vendor' || dir === 'node_modules' || /^[._]/.test(dir);

async function* testFiles(root: string, dir: string): AsyncGenerator<string> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort(byName)) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !skipped(entry.name)) yield* testFiles(root, full);
    else if (entry.isFile() && entry.name.endsWith('_test.go')) {
      yield path.relative(root, full).split(path.sep).join('/');
    }
  }
}

/**
 * Go fuzz tests in a workspace: `func FuzzXxx(f *testing.F)` in `_test.go` files. The name is
 * `<package dir>/FuzzXxx` (just `FuzzXxx` in the root package); detail carries `packageDir` (`.` for
 * the root) and `function`.
 */
export async function discoverGoFuzzTests(workspace: string): Promise<Harness[]> {
  const harnesses: Harness[] = [];
  for await (const source of testFiles(workspace, workspace)) {
    const text = await readFile(path.join(workspace, source), 'utf8');
    const packageDir = path.posix.dirname(source);
    for (const match of text.matchAll(FUZZ_FUNC)) {
      const fn = match[1]!;
      harnesses.push({
        name: packageDir === '.' ? fn : `${packageDir}/${fn}`,
        source,
        detail: { packageDir, function: fn },
      });
    }
  }
  return harnesses.sort(byName);
}
