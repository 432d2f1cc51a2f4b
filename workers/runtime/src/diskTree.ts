import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Removes a file or tree; one that is already gone is not an error. */
export const removeAll = (path: string): Promise<void> => rm(path, { recursive: true, force: true });

/** Whether anything, even a dangling link, is at `path`. */
export const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** Apparent size of a tree (files and link texts), tolerant of concurrent removal. */
export async function diskBytes(path: string): Promise<number> {
  const stats = await lstat(path).catch(() => undefined);
  if (stats === undefined) return 0;
  if (!stats.isDirectory()) return stats.size;
  let total = 0;
  for (const name of await readdir(path).catch(() => [])) total += await diskBytes(join(path, name));
  return total;
}
