import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import { packDirectory } from './packDirectory';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'ff-pack-'));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

async function entriesOf(root: string, options?: Parameters<typeof packDirectory>[1]) {
  const extract = tar.extract();
  const names: { name: string; type: string; linkname?: string | null }[] = [];
  extract.on('entry', (header, stream, next) => {
    names.push({ name: header.name, type: header.type ?? 'file', linkname: header.linkname ?? null });
    stream.on('end', next);
    stream.resume();
  });
  const done = new Promise<void>((resolve, reject) =>
    extract.on('finish', () => resolve()).on('error', reject),
  );
  packDirectory(root, options).pipe(createGunzip()).pipe(extract);
  await done;
  return names;
}

describe('packDirectory', () => {
  it('packs a repository as it is meant to be shared', async () => {
    const root = await tree({
      '.gitignore': 'build/\n*.log\n!keep.log\n',
      'src/main.py': 'print(1)\n',
      'src/.gitignore': 'secret.txt\n',
      'src/secret.txt': 'ignored by the nested .gitignore\n',
      'build/out.bin': 'ignored directory\n',
      'debug.log': 'ignored pattern\n',
      'keep.log': 'negated pattern\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'node_modules/x/index.js': 'skipped\n',
      'lib/node_modules/y.js': 'skipped wherever it is\n',
    });
    await symlink('src/main.py', path.join(root, 'main-link'));
    const names = (await entriesOf(root)).map((e) => e.name);
    expect(names.sort()).toEqual(
      ['.gitignore', 'keep.log', 'lib/', 'main-link', 'src/', 'src/.gitignore', 'src/main.py'].sort(),
    );
    const link = (await entriesOf(root)).find((e) => e.name === 'main-link');
    expect(link).toMatchObject({ type: 'symlink', linkname: 'src/main.py' });
  });

  it('can keep ignored files and choose what to skip', async () => {
    const root = await tree({ '.gitignore': '*.log\n', 'a.log': 'x', 'node_modules/m.js': 'y' });
    const names = (await entriesOf(root, { gitignore: false, skip: [] })).map((e) => e.name).sort();
    expect(names).toEqual(['.gitignore', 'a.log', 'node_modules/', 'node_modules/m.js']);
  });
});
