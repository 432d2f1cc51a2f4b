import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceFiles } from './workspaceFiles';

const skip = new Set(['.git', 'node_modules', 'vendor']);

describe('workspaceFiles', () => {
  let root: string;
  let outside: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ff-walk-'));
    outside = await mkdtemp(path.join(tmpdir(), 'ff-walk-outside-'));
    const files = [
      'README.md',
      'api/ping.py',
      'web/calc.js',
      'web/node_modules/dep/index.js',
      'vendor/lib/lib.go',
      '.git/HEAD',
      'src/deep/er/greet.c',
    ];
    for (const file of files) {
      await mkdir(path.join(root, path.dirname(file)), { recursive: true });
      await writeFile(path.join(root, file), 'x');
    }
    await writeFile(path.join(outside, 'secret.go'), 'package x');
    await symlink(outside, path.join(root, 'linked'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('lists the files in a stable order, skipping the named directories and not entering links', async () => {
    const listing = await workspaceFiles(root, { skipDirectories: skip, maxEntries: 1000 });
    expect(listing).toEqual({
      files: ['README.md', 'linked', 'api/ping.py', 'src/deep/er/greet.c', 'web/calc.js'],
      truncated: false,
    });
  });

  it('stops at maxEntries and says so', async () => {
    const listing = await workspaceFiles(root, { skipDirectories: skip, maxEntries: 3 });
    expect(listing.truncated).toBe(true);
    expect(listing.files.length).toBeLessThanOrEqual(3);
  });

  it('stops as soon as stopAfter is satisfied', async () => {
    const listing = await workspaceFiles(root, {
      skipDirectories: skip,
      maxEntries: 1000,
      stopAfter: (file) => file.endsWith('.py'),
    });
    expect(listing).toEqual({ files: ['README.md', 'linked', 'api/ping.py'], truncated: false });
  });
});
