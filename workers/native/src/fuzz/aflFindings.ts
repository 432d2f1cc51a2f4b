import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** afl-fuzz skips bigger seeds with a warning, and aborts when no seed is left. */
const MAX_SEED_BYTES = 1024 * 1024;
/** Any non-empty input starts AFL; the dictionaries and laf-intel find the magic from here. */
const DEFAULT_SEED = 'A';

/**
 * Fills `seeds` with what afl-fuzz accepts from `corpusDir` (non-empty files up to 1 MiB), or one
 * default seed when nothing is left: afl-fuzz refuses an empty input directory.
 */
export async function prepareAflSeeds(corpusDir: string, seeds: string): Promise<number> {
  await mkdir(seeds, { recursive: true });
  let count = 0;
  for (const name of await readdir(corpusDir).catch(() => [])) {
    const file = path.join(corpusDir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.size === 0 || info.size > MAX_SEED_BYTES) continue;
    await copyFile(file, path.join(seeds, name));
    count++;
  }
  if (count === 0) await writeFile(path.join(seeds, 'default-seed'), DEFAULT_SEED);
  return count;
}

/**
 * Copies the `id:*` files of `<out>/<instance>/<kind>` into `target`, each named by its content's
 * SHA-1 with `prefix` (as libFuzzer names its corpus and artifacts), so instances' and sessions'
 * copies of one input collapse into one file. Returns the absolute paths written.
 */
export async function collectAflFiles(
  out: string,
  instances: readonly string[],
  kind: 'queue' | 'crashes',
  target: string,
  prefix = '',
): Promise<string[]> {
  await mkdir(target, { recursive: true });
  const written = new Set<string>();
  for (const instance of instances) {
    const dir = path.join(out, instance, kind);
    for (const name of (await readdir(dir).catch(() => [])).filter((n) => n.startsWith('id:')).sort()) {
      const content = await readFile(path.join(dir, name));
      const file = path.join(target, `${prefix}${createHash('sha1').update(content).digest('hex')}`);
      await writeFile(file, content);
      written.add(file);
    }
  }
  return [...written].sort();
}
