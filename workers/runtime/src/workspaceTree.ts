import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { cp, mkdir, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { diskBytes, exists, removeAll } from './diskTree';
import { ownedName } from './lockOwner';
import { extractArchive } from './safeExtract';
import type { CacheEntry } from './cacheEntries';
import type { CacheLayout, Tree } from './cacheLayout';
import type { ExtractionLimits } from './safeExtract';

/** isolated: fresh tree per run; shared: one tree for every run; copy-on-write: one base, copied per run. */
export type CacheMode = 'isolated' | 'shared' | 'copy-on-write';

/** The tree a mode keeps per target, extracted once; isolated runs keep none. */
export const treeOf = (mode: CacheMode): Tree | undefined =>
  mode === 'shared' ? 'workspace' : mode === 'copy-on-write' ? 'base' : undefined;

/** Builds the trees runs work in from a target's archive (already on disk). */
export interface WorkspaceBuilder {
  /** Extracts the target's kept tree unless it exists; the caller holds the target's lock. */
  ensureTree(sha256: string, entry: CacheEntry, tree: Tree): Promise<void>;
  /** The tree a run works in, built per run when `mode` asks for it (after `ensureTree`). */
  materialise(sha256: string, entry: CacheEntry, runId: string, mode: CacheMode): Promise<string>;
}

export function workspaceBuilder(
  layout: CacheLayout,
  extractLimits: ExtractionLimits,
  pid: number,
): WorkspaceBuilder {
  async function ensureTree(sha256: string, entry: CacheEntry, tree: Tree): Promise<void> {
    const final = layout.treePath(sha256, tree);
    // Trees are renamed into place when complete, so one that exists was fully extracted.
    if (await exists(final)) {
      // Extracted by another process: its size is what a per-run copy of it adds.
      if (entry.extractedBytes === 0) entry.extractedBytes = await diskBytes(final);
      return;
    }
    const temp = join(dirname(final), ownedName(basename(final), 'tmp', pid, randomUUID()));
    try {
      entry.extractedBytes = (await extractArchive(layout.archivePath(sha256), temp, extractLimits)).bytes;
      await rename(temp, final);
    } finally {
      await removeAll(temp);
    }
  }

  async function materialise(
    sha256: string,
    entry: CacheEntry,
    runId: string,
    mode: CacheMode,
  ): Promise<string> {
    if (mode === 'shared') return layout.treePath(sha256, 'workspace');
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
  }

  return { ensureTree, materialise };
}
