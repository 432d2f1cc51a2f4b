import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addToCorpus, contentName, unionCorpus } from './corpusDir';

const dirs: string[] = [];
const fresh = async (): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ff-corpus-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('corpus directories', () => {
  it('adds an input once, named by its content', async () => {
    const dir = await fresh();
    expect(await addToCorpus(dir, Buffer.from('FZRC'))).toBe(true);
    expect(await addToCorpus(dir, Buffer.from('FZRC'))).toBe(false);
    expect(await readdir(dir)).toEqual([contentName(Buffer.from('FZRC'))]);
  });

  it('unites corpora by content, keeping shell-safe names and naming the rest by content', async () => {
    const [into, a, b] = [await fresh(), await fresh(), await fresh()];
    await writeFile(path.join(into, 'seed'), 'one');
    await writeFile(path.join(a, 'id:000001,orig:seed'), 'one'); // same content as `seed`
    await writeFile(path.join(a, 'id:000002,op:havoc'), 'two');
    await writeFile(path.join(a, 'crash-0f1e'), 'four');
    await writeFile(path.join(b, 'with space'), 'three');
    await mkdir(path.join(b, 'subdir')); // corpora are flat: directories are not inputs
    expect(await unionCorpus(into, [a, b, into])).toBe(3);
    expect((await readdir(into)).sort()).toEqual(
      [contentName(Buffer.from('two')), contentName(Buffer.from('three')), 'crash-0f1e', 'seed'].sort(),
    );
  });
});
