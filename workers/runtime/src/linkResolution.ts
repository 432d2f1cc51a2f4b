import { lstat, readlink } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

/** Linux's MAXSYMLINKS: a resolution needing more hops is a loop. */
const MAX_LINK_HOPS = 40;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Follows `path` component by component the way the kernel would, reading each link it meets, and
 * answers whether every step stays inside `root`. Checking a link's target text alone is not
 * enough: `x/y/b -> ../..` then `x/y/c -> b/../../..` both look inside, yet `c` leads out.
 */
export async function staysInside(root: string, path: string): Promise<boolean> {
  const resolved: string[] = [];
  const pending = relative(root, path).split('/');
  let hops = 0;
  for (let segment = pending.shift(); segment !== undefined; segment = pending.shift()) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.pop() === undefined) return false;
      continue;
    }
    const current = join(root, ...resolved, segment);
    const stats = await lstat(current).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (!stats?.isSymbolicLink()) {
      resolved.push(segment);
      continue;
    }
    const target = await readlink(current);
    if (isAbsolute(target) || ++hops > MAX_LINK_HOPS) return false;
    pending.unshift(...target.split('/'));
  }
  return true;
}
