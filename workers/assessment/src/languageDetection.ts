/** The verticals an assessment can run, in the order it runs and reports them. */
export const assessedVerticals = ['secrets', 'python', 'javascript', 'native', 'go'] as const;
export type AssessedVertical = (typeof assessedVerticals)[number];

/** Directories holding other people's code or version-control data, never the target's own source. */
export const skippedDirectories: ReadonlySet<string> = new Set(['.git', 'node_modules', 'vendor']);

// What each vertical's tools read: semgrep's JavaScript rules cover TypeScript too.
const byExtension = new Map<string, AssessedVertical>([
  ...['.py', '.pyw'].map((e) => [e, 'python'] as const),
  ...['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'].map((e) => [e, 'javascript'] as const),
  ...['.c', '.h', '.cc', '.cpp', '.cxx', '.hh', '.hpp', '.hxx'].map((e) => [e, 'native'] as const),
  ['.go', 'go'],
]);
const byFileName = new Map<string, AssessedVertical>([['go.mod', 'go']]);

/**
 * The vertical whose tools read this file (a forward-slashed path relative to the target root), if any
 * besides secrets, which reads every file. Files under a skipped directory count for none.
 */
export function verticalOfFile(relativePath: string): AssessedVertical | undefined {
  const segments = relativePath.split('/');
  const name = segments.pop() ?? '';
  if (segments.some((s) => skippedDirectories.has(s))) return undefined;
  const named = byFileName.get(name);
  if (named) return named;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? byExtension.get(name.slice(dot).toLowerCase()) : undefined;
}

/**
 * Which verticals apply to a target with these files: secrets always (credentials hide in any file),
 * each language vertical when one of its source files (or a go.mod) is present. In run order.
 */
export function verticalsFor(files: Iterable<string>): AssessedVertical[] {
  const found = new Set<AssessedVertical>(['secrets']);
  for (const file of files) {
    const vertical = verticalOfFile(file);
    if (vertical) found.add(vertical);
  }
  return assessedVerticals.filter((v) => found.has(v));
}
