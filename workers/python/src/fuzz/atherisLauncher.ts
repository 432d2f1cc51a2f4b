import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

// Runs the harness as `__main__` while keeping argv[0] = the launcher: runpy would set argv[0] to the
// harness, and atheris hands argv[0] to libFuzzer, whose fork, merge and minimize modes re-run it.
const BOOTSTRAP = `import os, sys, types
launcher, harness = sys.argv[1], sys.argv[2]
sys.argv = [launcher, *sys.argv[3:]]
sys.path[0] = os.path.dirname(harness)
main = types.ModuleType("__main__")
main.__file__ = harness
sys.modules["__main__"] = main
with open(harness, "rb") as source:
    code = compile(source.read(), harness, "exec")
exec(code, main.__dict__)
`;

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Writes `<dir>/run-harness`, an executable that runs `harness` under `python` with the environment it
 * needs, so every command (and every child libFuzzer starts with `system()`) runs it the same way:
 * `dir` must be a path without spaces or shell metacharacters. The harness imports the target from the
 * workspace root (and `src/` for a src layout). Returns the launcher's path.
 */
export async function writeAtherisLauncher(o: {
  python: string;
  harness: string;
  workspace: string;
  dir: string;
}): Promise<string> {
  const tmp = path.join(o.dir, 'tmp');
  await mkdir(tmp, { recursive: true });
  const bootstrap = path.join(o.dir, 'atheris_main.py');
  const launcher = path.join(o.dir, 'run-harness');
  const src = path.join(o.workspace, 'src');
  const hasSrc = await stat(src).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const env = {
    PYTHONPATH: [o.workspace, ...(hasSrc ? [src] : [])].join(path.delimiter),
    // Live output: stats lines and the traceback reach onLine in the order they happen.
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    // libFuzzer's merge control files and fork-mode corpora go here, not in the shared /tmp.
    TMPDIR: tmp,
  };
  const exports = Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}\n`);
  await writeFile(bootstrap, BOOTSTRAP);
  await writeFile(
    launcher,
    `#!/bin/sh\n${exports.join('')}exec ${shellQuote(o.python)} ${shellQuote(bootstrap)} "$0" ${shellQuote(o.harness)} "$@"\n`,
  );
  await chmod(launcher, 0o755);
  return launcher;
}
