import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { languageOf, roleOf, type SourceFile } from './sourceRole';

// Version control, dependencies and build outputs: never the target's own sources.
const SKIPPED_DIRS = new Set(['node_modules', 'build', 'out', 'dist', 'target', 'CMakeFiles', '_build']);
const skipped = (name: string): boolean =>
  name.startsWith('.') || name.startsWith('cmake-build-') || SKIPPED_DIRS.has(name);

/** Bytes of a source read to find its role: definitions past this are not looked for. */
const MAX_SCANNED_BYTES = 1024 * 1024;

/**
 * Every C/C++ source and header of the workspace with its role, sorted by path. Skips hidden
 * directories (.git), node_modules and build directories, and never follows symbolic links (a target
 * is untrusted: a link may point anywhere).
 */
export async function scanSourceTree(workspace: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipped(entry.name)) await walk(full);
        continue;
      }
      const language = entry.isFile() ? languageOf(entry.name) : undefined;
      if (!language) continue;
      const relative = path.relative(workspace, full).split(path.sep).join('/');
      const text = (await readFile(full)).subarray(0, MAX_SCANNED_BYTES).toString('latin1');
      files.push({ path: relative, role: roleOf(entry.name, text), language });
    }
  };
  await walk(workspace);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
