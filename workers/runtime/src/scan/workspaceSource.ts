import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** The workspace as given and as the kernel names it: tools that call getcwd print the latter. */
export function workspaceRoots(workspace: string): string[] {
  const roots = [path.resolve(workspace)];
  try {
    const real = realpathSync(workspace);
    if (!roots.includes(real)) roots.push(real);
  } catch {
    // a workspace that vanished has no other name
  }
  return roots;
}

/** Largest file whose lines are read back for snippets and fingerprints. */
const maxSourceBytes = 8 * 1024 * 1024;

/** One line (1-based) of a workspace file by its workspace-relative path; undefined when absent. */
export type SourceLineOf = (relativePath: string, line: number) => string | undefined;

/**
 * Reads the lines tools flagged, for fingerprints and snippets when the tool does not print them:
 * each file once, never a file that resolves outside the workspace, never throwing.
 */
export function workspaceSourceLines(workspace: string): SourceLineOf {
  const files = new Map<string, string[] | undefined>();
  const linesOf = (relativePath: string): string[] | undefined => {
    if (files.has(relativePath)) return files.get(relativePath);
    let lines: string[] | undefined;
    try {
      const root = realpathSync(workspace);
      const real = realpathSync(path.resolve(root, relativePath));
      if (real.startsWith(root + path.sep)) {
        const bytes = readFileSync(real);
        if (bytes.length <= maxSourceBytes) lines = bytes.toString('utf8').split(/\r?\n/);
      }
    } catch {
      lines = undefined;
    }
    files.set(relativePath, lines);
    return lines;
  };
  return (relativePath, line) => (line >= 1 ? linesOf(relativePath)?.[line - 1] : undefined);
}
