import { join } from 'node:path';

/** Names a target's directory: only lowercase hex sha256 values are ever used as one. */
export const SHA256 = /^[0-9a-f]{64}$/;
/** Run ids become directory names: no separators, and no leading dot so never '.' or '..'. */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** An extracted tree kept per target: 'workspace' for shared runs, 'base' for copy-on-write ones. */
export type Tree = 'workspace' | 'base';

/**
 * Where a cached target lives under the cache directory: `<sha256>/archive`, `<sha256>/workspace`
 * (shared), `<sha256>/base` (copy-on-write), `<sha256>/runs/<runId>/workspace` and the in-use markers
 * `<sha256>/users/<pid>-<runId>`. Locks live apart, in `.locks/`, so that removing a target's
 * directory never removes its lock.
 */
export interface CacheLayout {
  root: string;
  entryDir(sha256: string): string;
  archivePath(sha256: string): string;
  treePath(sha256: string, tree: Tree): string;
  runsDir(sha256: string): string;
  runDir(sha256: string, runId: string): string;
  usersDir(sha256: string): string;
  locksDir: string;
  /** Held while a target's archive or trees are written, its markers change or it is evicted. */
  targetLock(sha256: string): string;
  /** Held by the one process deleting targets to bring the cache within its budget. */
  evictionLock: string;
}

/** The layout of the cache rooted at `dir`. */
export function cacheLayout(dir: string): CacheLayout {
  const locksDir = join(dir, '.locks');
  return {
    root: dir,
    entryDir: (sha256) => join(dir, sha256),
    archivePath: (sha256) => join(dir, sha256, 'archive'),
    treePath: (sha256, tree) => join(dir, sha256, tree),
    runsDir: (sha256) => join(dir, sha256, 'runs'),
    runDir: (sha256, runId) => join(dir, sha256, 'runs', runId),
    usersDir: (sha256) => join(dir, sha256, 'users'),
    locksDir,
    targetLock: (sha256) => join(locksDir, `${sha256}.lock`),
    evictionLock: join(locksDir, 'eviction.lock'),
  };
}
