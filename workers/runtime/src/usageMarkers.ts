import { mkdir, readdir, readFile, rmdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RUN_ID } from './cacheLayout';
import { parseOwner } from './lockOwner';
import type { CacheLayout } from './cacheLayout';
import type { LockOwner } from './lockOwner';
import type { StalenessCheck } from './processProbe';
import type { CacheMode } from './workspaceTree';

/**
 * A claim on a target by one run in one process, as the file `<sha256>/users/<pid>-<runId>`.
 * Markers are written and removed only under the target's lock, so a reader holding it never sees a
 * half-written one; eviction spares every target with a marker whose owner is alive.
 */
export interface UsageMarker {
  runId: string;
  mode?: CacheMode;
  owner: LockOwner;
}

const MODES: readonly unknown[] = ['isolated', 'shared', 'copy-on-write'] satisfies CacheMode[];

function recordedMode(text: string): CacheMode | undefined {
  try {
    const { mode } = JSON.parse(text) as { mode?: unknown };
    return MODES.includes(mode) ? (mode as CacheMode) : undefined;
  } catch {
    return undefined;
  }
}

export const markerName = (pid: number, runId: string): string => `${pid}-${runId}`;

/** The pid and run id a marker's name carries; the pid there is authoritative, the file adds its start time. */
export function parseMarkerName(name: string): { pid: number; runId: string } | undefined {
  const match = /^([1-9]\d*)-(.+)$/.exec(name);
  if (match?.[1] === undefined || match[2] === undefined || !RUN_ID.test(match[2])) return undefined;
  return { pid: Number(match[1]), runId: match[2] };
}

/** The markers of a target, live or not. One being written right now may lack its start time. */
export async function readMarkers(layout: CacheLayout, sha256: string): Promise<UsageMarker[]> {
  const dir = layout.usersDir(sha256);
  const markers: UsageMarker[] = [];
  for (const name of await readdir(dir).catch(() => [])) {
    const named = parseMarkerName(name);
    if (named === undefined) continue;
    const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue; // removed meanwhile
    const recorded = parseOwner(text);
    const owner = recorded?.pid === named.pid ? recorded : { pid: named.pid };
    const mode = recordedMode(text);
    markers.push({ runId: named.runId, owner, ...(mode === undefined ? {} : { mode }) });
  }
  return markers;
}

/** Under the target's lock: removes the markers of owners that are gone, returning the live ones. */
export async function pruneMarkers(
  layout: CacheLayout,
  sha256: string,
  isStaleOwner: StalenessCheck,
): Promise<UsageMarker[]> {
  const live: UsageMarker[] = [];
  for (const marker of await readMarkers(layout, sha256)) {
    if (await isStaleOwner(marker.owner)) await removeMarker(layout, sha256, marker.owner.pid, marker.runId);
    else live.push(marker);
  }
  return live;
}

/** Under the target's lock: records that `runId` of `self` uses the target. */
export async function writeMarker(
  layout: CacheLayout,
  sha256: string,
  self: LockOwner,
  runId: string,
  mode: CacheMode,
): Promise<void> {
  await mkdir(layout.usersDir(sha256), { recursive: true });
  const file = join(layout.usersDir(sha256), markerName(self.pid, runId));
  await writeFile(file, JSON.stringify({ ...self, runId, mode }) + '\n');
}

/** Under the target's lock: drops a marker, and `users/` with the last one. */
export async function removeMarker(
  layout: CacheLayout,
  sha256: string,
  pid: number,
  runId: string,
): Promise<void> {
  await unlink(join(layout.usersDir(sha256), markerName(pid, runId))).catch(() => undefined);
  await rmdir(layout.usersDir(sha256)).catch(() => undefined); // ENOTEMPTY: others still use it
}
