import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { cp, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { exists, removeAll } from './diskTree';
import { extractArchive } from './safeExtract';
import type { CacheEntry } from './cacheEntries';
import type { CacheLayout, Tree } from './cacheLayout';
import type { ExtractionLimits } from './safeExtract';

/** isolated: fresh tree per run; shared: one tree for every run; copy-on-write: one base, copied per run. */
export type CacheMode = 'isolated' | 'shared' | 'copy-on-write';

/**
 * Returns `materialise`, which builds the tree a run works in from the target's archive (already on
 * disk) according to `mode`, and returns its path.
 */
export function workspaceBuilder(
  layout: CacheLayout,
  extractLimits: ExtractionLimits,
): (sha256: string, entry: CacheEntry, runId: string, mode: CacheMode) => Promise<string> {
  async function extractTree(sha256: string, entry: CacheEntry, tree: Tree): Promise<void> {
    const final = layout.treePath(sha256, tree);
    // Trees are renamed into place when complete, so one that exists was fully extracted.
    if (await exists(final)) return;
    const temp = `${final}.tmp-${randomUUID()}`;
    entry.extractedBytes = (await extractArchive(layout.archivePath(sha256), temp, extractLimits)).bytes;
    await rename(temp, final);
  }

  function ensureTree(sha256: string, entry: CacheEntry, tree: Tree): Promise<void> {
    let pending = entry.trees.get(tree);
    if (pending === undefined) {
      pending = extractTree(sha256, entry, tree).catch((error: unknown) => {
        entry.trees.delete(tree);
        throw error;
      });
      entry.trees.set(tree, pending);
    }
    return pending;
  }

  return async function materialise(
    sha256: string,
    entry: CacheEntry,
    runId: string,
    mode: CacheMode,
  ): Promise<string> {
    if (mode === 'shared') {
      await ensureTree(sha256, entry, 'workspace');
      return layout.treePath(sha256, 'workspace');
    }
    const runDir = layout.runDir(sha256, runId);
    const workspace = join(runDir, 'workspace');
    // A retried activity finds its earlier attempt's tree here; every attempt starts clean.
    await removeAll(runDir);
    if (mode === 'isolated') {
      entry.extractedBytes = (
        await extractArchive(layout.archivePath(sha256), workspace, extractLimits)
      ).bytes;
      return workspace;
    }
    await ensureTree(sha256, entry, 'base');
    await mkdir(runDir, { recursive: true });
    // Reflinks where the filesystem has them; verbatim links stay relative, pointing into the copy, not the base.
    await cp(layout.treePath(sha256, 'base'), workspace, {
      recursive: true,
      verbatimSymlinks: true,
      errorOnExist: true,
      force: false,
      mode: constants.COPYFILE_FICLONE,
    });
    return workspace;
  };
}
