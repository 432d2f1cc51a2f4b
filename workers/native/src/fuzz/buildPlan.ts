import path from 'node:path';
import type { SourceFile } from './sourceRole';

/** What to compile for one harness when the target has no build script of its own. */
export interface BuildPlan {
  /** Relative to the workspace, the harness first. */
  sources: string[];
  /** Relative to the workspace (`.` is the root), sorted. */
  includeDirs: string[];
  /** Link with the C++ driver: some source is C++. */
  cxx: boolean;
}

/**
 * The simple rule for targets without `build.sh`: the harness plus every C/C++ source of the target
 * that is neither another harness nor a program with its own `main` (tools, tests, examples), with
 * every directory holding a header, and each directory above one, on the include path (so both
 * `"parser.h"` and `"lib/parser.h"` resolve). Pure.
 */
export function planHarnessBuild(files: readonly SourceFile[], harnessSource: string): BuildPlan {
  const library = files.filter((f) => f.role === 'library').map((f) => f.path);
  const sources = [harnessSource, ...library];
  const includeDirs = new Set<string>();
  for (const header of files.filter((f) => f.role === 'header')) {
    for (let dir = path.posix.dirname(header.path); ; dir = path.posix.dirname(dir)) {
      includeDirs.add(dir);
      if (dir === '.') break;
    }
  }
  const languages = new Map(files.map((f) => [f.path, f.language]));
  return {
    sources,
    includeDirs: [...includeDirs].sort(),
    cxx: sources.some((s) => (languages.get(s) ?? 'c') === 'c++'),
  };
}
