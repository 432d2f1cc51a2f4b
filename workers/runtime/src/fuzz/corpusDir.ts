import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Corpus files are named by their content, so a union of corpora is a union of names. */
export const contentName = (content: Buffer): string => createHash('sha1').update(content).digest('hex');

const SAFE_NAME = /^[A-Za-z0-9._-]{1,200}$/;

/** The regular files directly in `dir` (a corpus is flat), sorted; none when it does not exist. */
export async function corpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

/** Writes `content` into `dir` under its content name, unless a file of that content is there. */
export async function addToCorpus(dir: string, content: Buffer): Promise<boolean> {
  const file = path.join(dir, contentName(content));
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    return false;
  const temp = `${file}.part`;
  await writeFile(temp, content);
  await rename(temp, file);
  return true;
}

/**
 * Copies every input of `sources` into `dir`, deduplicated by content; returns how many were new.
 * Engine-named files (`id:000001,...`, Go's hashes) keep their name when it is safe and unseen.
 */
export async function unionCorpus(dir: string, sources: readonly string[]): Promise<number> {
  const present = new Set<string>();
  for (const name of await corpusFiles(dir)) present.add(contentName(await readFile(path.join(dir, name))));
  let added = 0;
  for (const source of sources) {
    if (path.resolve(source) === path.resolve(dir)) continue;
    for (const name of await corpusFiles(source)) {
      const content = await readFile(path.join(source, name));
      const hash = contentName(content);
      if (present.has(hash)) continue;
      present.add(hash);
      const target = SAFE_NAME.test(name) ? name : hash;
      await copyFile(path.join(source, name), path.join(dir, target));
      added += 1;
    }
  }
  return added;
}
