import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Harness } from '@fuzzforge/worker-runtime';

const SETUP_CALL = /\batheris\.Setup\s*\(/;
// Larger .py files are generated code or data, never a harness.
const MAX_HARNESS_BYTES = 1024 * 1024;
const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', 'dist-packages']);

async function isVenv(dir: string): Promise<boolean> {
  return stat(path.join(dir, 'pyvenv.cfg')).then(
    () => true,
    () => false,
  );
}

async function* pythonFiles(root: string, dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort(byName)) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name) || (await isVenv(full))) continue;
      yield* pythonFiles(root, full);
    } else if (entry.isFile() && entry.name.endsWith('.py')) {
      yield path.relative(root, full).split(path.sep).join('/');
    }
  }
}

/**
 * atheris harnesses in a workspace: Python files that call `atheris.Setup`, outside hidden dirs,
 * node_modules and virtualenvs. The name is the path without `.py` (`fuzz/fuzz_record`).
 */
export async function discoverAtherisHarnesses(workspace: string): Promise<Harness[]> {
  const harnesses: Harness[] = [];
  for await (const source of pythonFiles(workspace, workspace)) {
    const file = path.join(workspace, source);
    if ((await stat(file)).size > MAX_HARNESS_BYTES) continue;
    if (SETUP_CALL.test(await readFile(file, 'utf8'))) {
      harnesses.push({ name: source.slice(0, -'.py'.length), source });
    }
  }
  return harnesses.sort(byName);
}
