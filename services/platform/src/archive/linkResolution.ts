/** Linux's MAXSYMLINKS: a resolution needing more hops is a loop. */
const MAX_LINK_HOPS = 40;

/**
 * What a tree holds at a root-relative path ('a/b'): the target text if it is a symlink, otherwise
 * undefined (a directory, a file, or nothing). A disk answers with lstat/readlink, an archive being
 * inspected with the links it declares.
 */
export type LinkReader = (relativePath: string) => Promise<string | undefined>;

/**
 * Follows the root-relative `path` component by component the way the kernel would, reading each link
 * it meets through `readLink`, and answers whether every step stays inside the root. Checking a link's
 * target text alone is not enough: `x/y/b -> ../..` then `x/y/c -> b/../../..` both look inside, yet
 * `c` leads out.
 */
export async function staysInside(path: string, readLink: LinkReader): Promise<boolean> {
  const resolved: string[] = [];
  const pending = path.split('/');
  let hops = 0;
  for (let segment = pending.shift(); segment !== undefined; segment = pending.shift()) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.pop() === undefined) return false;
      continue;
    }
    const target = await readLink([...resolved, segment].join('/'));
    if (target === undefined) {
      resolved.push(segment);
      continue;
    }
    if (target.startsWith('/') || ++hops > MAX_LINK_HOPS) return false;
    pending.unshift(...target.split('/'));
  }
  return true;
}
