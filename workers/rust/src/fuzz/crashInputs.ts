import { readdir } from 'node:fs/promises';
import path from 'node:path';

// What libFuzzer names the inputs it stops at; `slow-unit-*` files are slow, not crashing.
const CRASH_FILE = /^(crash|timeout|oom|leak)-[0-9a-f]+$/;

/** The crashing inputs libFuzzer left in `dir`, as absolute paths, sorted; none when it does not exist. */
export async function crashInputsIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => CRASH_FILE.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}
