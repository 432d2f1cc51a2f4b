/**
 * A tool's file path as findings carry it: relative to the scanned root and forward-slashed. Tools that
 * print absolute paths pass the root(s) they ran in (the workspace, and its real path when it differs).
 * A path outside every root means the tool scanned something it should not have: that is an error.
 */
export function relativeFindingPath(file: string, roots: readonly string[] = []): string {
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('/')) {
    for (const root of roots) {
      const prefix = root.replace(/\\/g, '/').replace(/\/+$/, '') + '/';
      if (slashed.startsWith(prefix)) return slashed.slice(prefix.length);
    }
    throw new Error(`tool reported a path outside the workspace: ${file}`);
  }
  return slashed.replace(/^(\.\/)+/, '');
}
