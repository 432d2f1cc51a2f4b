import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface WorkspaceFilesOptions {
  /** Directory names never entered, at any depth. */
  skipDirectories: ReadonlySet<string>;
  /** Upper bound of entries looked at (files and directories): a huge tree is decided on a prefix. */
  maxEntries: number;
  /** Called with each file found; returning true ends the walk early (the answer is known). */
  stopAfter?: (relativePath: string) => boolean;
}

export interface WorkspaceFiles {
  /** Forward-slashed paths relative to the root: a directory's files by name, then its subdirectories. */
  files: string[];
  /** True when `maxEntries` cut the walk short. */
  truncated: boolean;
}

/**
 * Lists the files of an extracted target without following symbolic links (a link is listed by its
 * own name, never entered), skipping the named directories, and bounded by `maxEntries`.
 */
export async function workspaceFiles(root: string, o: WorkspaceFilesOptions): Promise<WorkspaceFiles> {
  const files: string[] = [];
  const pending: string[] = [''];
  let entries = 0;
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const children = (await readdir(path.join(root, dir), { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    const subdirectories: string[] = [];
    for (const child of children) {
      if (++entries > o.maxEntries) return { files, truncated: true };
      const relative = dir ? `${dir}/${child.name}` : child.name;
      if (child.isDirectory()) {
        if (!o.skipDirectories.has(child.name)) subdirectories.push(relative);
      } else {
        files.push(relative);
        if (o.stopAfter?.(relative)) return { files, truncated: false };
      }
    }
    // Reversed onto the stack so that subdirectories are walked in name order.
    pending.push(...subdirectories.reverse());
  }
  return { files, truncated: false };
}
