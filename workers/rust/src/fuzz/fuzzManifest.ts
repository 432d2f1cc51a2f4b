/** One `[[bin]]` of a cargo-fuzz manifest: the fuzz target's name and source (relative to `fuzz/`). */
export interface FuzzTarget {
  name: string;
  path: string;
}

const TABLE = /^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$/;
const STRING_KEY = /^\s*(name|path)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*(?:#.*)?$/;

/**
 * The `[[bin]]` targets of a cargo-fuzz `fuzz/Cargo.toml`, in file order. Reads only what cargo-fuzz
 * writes (`[[bin]]` tables with `name` and `path` strings), not TOML at large. A bin without `path`
 * gets cargo's own default, `src/bin/<name>.rs`. Pure.
 */
export function fuzzTargetsOf(manifest: string): FuzzTarget[] {
  const targets: FuzzTarget[] = [];
  let current: Partial<FuzzTarget> | undefined;
  const flush = (): void => {
    if (current?.name)
      targets.push({ name: current.name, path: current.path ?? `src/bin/${current.name}.rs` });
    current = undefined;
  };
  for (const line of manifest.split('\n')) {
    const table = TABLE.exec(line);
    if (table) {
      flush();
      if (line.includes('[[') && table[1] === 'bin') current = {};
      continue;
    }
    const entry = current ? STRING_KEY.exec(line) : null;
    if (current && entry) current[entry[1] as 'name' | 'path'] = entry[2] ?? entry[3] ?? '';
  }
  flush();
  return targets;
}

/** Whether a `fuzz/Cargo.toml` is cargo-fuzz's (libFuzzer through libfuzzer-sys), not another fuzzer's. Pure. */
export const isCargoFuzzManifest = (manifest: string): boolean =>
  /^\s*libfuzzer-sys\s*=|^\s*\[dependencies\.libfuzzer-sys\]|^\s*cargo-fuzz\s*=\s*true/m.test(manifest);
