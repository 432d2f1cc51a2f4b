import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import ignore, { type Ignore } from 'ignore';
import tar from 'tar-stream';

export interface PackOptions {
  /** Honour .gitignore files (the root's and every subdirectory's); default true. */
  gitignore?: boolean;
  /** Directory names skipped wherever they are; default `.git` and `node_modules`. */
  skip?: readonly string[];
}

export const defaultSkip = ['.git', 'node_modules'] as const;

interface Scope {
  /** Directory of the .gitignore, relative to the root ('' for the root). */
  base: string;
  rules: Ignore;
}

/** True when any .gitignore above `rel` (root-relative, posix) ignores it. */
function ignored(scopes: readonly Scope[], rel: string, isDirectory: boolean): boolean {
  return scopes.some((scope) => {
    const inside = scope.base === '' ? rel : rel.slice(scope.base.length + 1);
    return inside !== '' && scope.rules.ignores(isDirectory ? `${inside}/` : inside);
  });
}

async function scopeOf(dir: string, base: string): Promise<Scope | undefined> {
  const text = await readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : { base, rules: ignore().add(text) };
}

/**
 * Packs a directory as a tar.gz stream, the way a repository is meant to be shared: .gitignore'd files,
 * `.git` and `node_modules` left out; regular files, directories and symlinks (as links) kept with their
 * modes. Entries are sorted, so the same tree packs to the same entry order.
 */
export function packDirectory(root: string, options: PackOptions = {}): Readable {
  const skip = new Set(options.skip ?? defaultSkip);
  const useGitignore = options.gitignore ?? true;
  const pack = tar.pack();
  const out = new PassThrough();

  const walk = async (dir: string, rel: string, scopes: readonly Scope[]): Promise<void> => {
    const own = useGitignore ? await scopeOf(dir, rel) : undefined;
    const active = own ? [...scopes, own] : scopes;
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const full = path.join(dir, name);
      const entryRel = rel === '' ? name : `${rel}/${name}`;
      const stat = await lstat(full);
      if (stat.isDirectory()) {
        if (skip.has(name) || ignored(active, entryRel, true)) continue;
        pack.entry({ name: `${entryRel}/`, type: 'directory', mode: stat.mode & 0o7777, mtime: stat.mtime });
        await walk(full, entryRel, active);
      } else if (ignored(active, entryRel, false)) {
        continue;
      } else if (stat.isSymbolicLink()) {
        pack.entry({ name: entryRel, type: 'symlink', linkname: await readlink(full), mtime: stat.mtime });
      } else if (stat.isFile()) {
        const entry = pack.entry({
          name: entryRel,
          size: stat.size,
          mode: stat.mode & 0o7777,
          mtime: stat.mtime,
        });
        await pipeline(createReadStream(full), entry);
      }
      // Sockets, fifos and devices are not part of a source tree.
    }
  };

  walk(root, '', [])
    .then(() => pack.finalize())
    .catch((err: unknown) => pack.destroy(err as Error));
  pipeline(pack, createGzip(), out).catch((err: unknown) => out.destroy(err as Error));
  return out;
}
