/**
 * Who wrote a lock file, an in-use marker or a temporary in the cache directory: a process on this
 * host. Several worker processes share one cache directory, so nothing in it may be removed while
 * the process that wrote it is alive.
 */
export interface LockOwner {
  pid: number;
  /** Boot id and start time of that process (Linux), so that a recycled pid is not taken for it. */
  start?: string;
  /** The cache instance inside that process: a newer instance on the same directory takes over like a restart. */
  instance?: string;
}

/** What the host reports about a pid now; `undefined` when no such (non-zombie) process exists. */
export type ProcessStatus = { start?: string } | undefined;

/**
 * Whether `owner` is gone, so that what it left may be removed: its pid is dead, or now belongs to a
 * process started at another time, or — within this very process — it names another cache instance.
 * Without a start time on either side the pid alone decides: a live pid is never judged stale.
 */
export function isStale(owner: LockOwner, status: ProcessStatus, self: LockOwner): boolean {
  if (status === undefined) return true;
  if (owner.start !== undefined && status.start !== undefined && owner.start !== status.start) return true;
  return owner.pid === self.pid && owner.instance !== undefined && owner.instance !== self.instance;
}

const isPid = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/** The owner recorded in a lock or marker file, or `undefined` when the text is not one. */
export function parseOwner(text: string): LockOwner | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, start, instance } = value as Record<string, unknown>;
  if (!isPid(pid)) return undefined;
  return {
    pid,
    ...(typeof start === 'string' ? { start } : {}),
    ...(typeof instance === 'string' ? { instance } : {}),
  };
}

const OWNED_SUFFIX = /\.(?:tmp|draft)-(\d+)-[0-9a-f-]{36}$/;
const TRASH = /^\.evicted-(\d+)-[0-9a-f-]{36}$/;

/** `<name>.<kind>-<pid>-<uuid>`: a temporary that names the process writing it. */
export const ownedName = (name: string, kind: 'tmp' | 'draft', pid: number, uuid: string): string =>
  `${name}.${kind}-${pid}-${uuid}`;

/** `.evicted-<pid>-<uuid>`: an evicted target, renamed out of the way and being deleted by `pid`. */
export const trashName = (pid: number, uuid: string): string => `.evicted-${pid}-${uuid}`;

/**
 * The pid that wrote a temporary (`ownedName`) or is deleting an evicted tree (`trashName`);
 * `undefined` for a name in neither form, e.g. one left by an older version without a pid.
 */
export function writerPid(name: string): number | undefined {
  const match = OWNED_SUFFIX.exec(name) ?? TRASH.exec(name);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Whether a temporary or trash tree written by `writer` (from `writerPid`) is a leftover that may go.
 * The caller looks only at names it holds the right to clean (under the target's lock, or at first
 * use), so one written under this very pid is from an earlier life of the pid, e.g. a restarted
 * container whose worker is always pid 1; a name without a pid predates this scheme.
 */
export function isAbandoned(writer: number | undefined, writerAlive: boolean, selfPid: number): boolean {
  return writer === undefined || writer === selfPid || !writerAlive;
}
