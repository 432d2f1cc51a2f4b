import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, link, mkdir, open, readdir, readlink, realpath, rm, symlink, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ARCHIVE_HEAD_BYTES, detectArchiveFormat } from './archiveFormat';
import { readTar } from './extractTar';
import { readZip } from './extractZip';
import type { ArchiveEntry, ArchiveFormat } from './archiveFormat';

export { detectArchiveFormat, type ArchiveFormat } from './archiveFormat';

/** Why an archive was refused. */
export type ExtractionErrorCode =
  'too-many-entries' | 'too-large' | 'path-escape' | 'link-escape' | 'corrupt-archive';

/** The archive itself is unacceptable: retrying cannot help. I/O faults (ENOSPC...) are thrown as they are. */
export class ExtractionError extends Error {
  override readonly name = 'ExtractionError';
  readonly code: ExtractionErrorCode;

  constructor(code: ExtractionErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Bounds on what one archive may expand to. */
export interface ExtractionLimits {
  maxEntries: number;
  /** Bytes actually written, whatever the archive's headers claim. */
  maxBytes: number;
}

/** An entry that was deliberately not written (device, fifo, link that lost to a real entry...). */
export interface SkippedEntry {
  name: string;
  reason: string;
}

/** What was extracted: `entries` counts every archive entry, `bytes` the file bytes written. */
export interface ExtractionResult {
  format: ArchiveFormat;
  entries: number;
  bytes: number;
  skipped: SkippedEntry[];
}

/** Errors that say something about the machine, not the archive; they stay retryable. */
const ENVIRONMENT_ERRORS = new Set([
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'EMFILE',
  'ENFILE',
  'ENOMEM',
  'EROFS',
  'EACCES',
]);
/** Linux's MAXSYMLINKS: a resolution needing more hops is a loop. */
const MAX_LINK_HOPS = 40;

const escape = (name: string, why: string): ExtractionError =>
  new ExtractionError('path-escape', `entry ${JSON.stringify(name)} ${why}`);

/** Maps an untrusted entry name to a path strictly inside `root`, or throws 'path-escape'. */
function entryPath(root: string, name: string): string {
  if (name.includes('\0')) throw escape(name, 'contains a NUL byte');
  // On Linux a backslash is an ordinary character, but tools and people read it as a separator.
  if (name.includes('\\')) throw escape(name, 'contains a backslash');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw escape(name, 'is an absolute path');
  const segments = name.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw escape(name, 'contains a ".." segment');
  const path = join(root, ...segments);
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) throw escape(name, 'resolves outside the destination');
  return path;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Follows `path` component by component the way the kernel would, reading each link it meets, and
 * answers whether every step stays inside `root`. Checking a link's target text alone is not
 * enough: `x/y/b -> ../..` then `x/y/c -> b/../../..` both look inside, yet `c` leads out.
 */
async function staysInside(root: string, path: string): Promise<boolean> {
  const resolved: string[] = [];
  const pending = relative(root, path).split('/');
  let hops = 0;
  for (let segment = pending.shift(); segment !== undefined; segment = pending.shift()) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.pop() === undefined) return false;
      continue;
    }
    const current = join(root, ...resolved, segment);
    const stats = await lstat(current).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (!stats?.isSymbolicLink()) {
      resolved.push(segment);
      continue;
    }
    const target = await readlink(current);
    if (isAbsolute(target) || ++hops > MAX_LINK_HOPS) return false;
    pending.unshift(...target.split('/'));
  }
  return true;
}

/**
 * Writes validated entries under `root`. Symlinks are only recorded while entries stream in and are
 * created after the last one, so no entry can ever be written through a link; `finish` then checks
 * every link as the kernel would resolve it.
 */
class EntrySink {
  entries = 0;
  bytes = 0;
  readonly skipped: SkippedEntry[] = [];
  private readonly links: { name: string; path: string; target: string }[] = [];

  constructor(
    private readonly root: string,
    private readonly limits: ExtractionLimits,
  ) {}

  async add(entry: ArchiveEntry): Promise<void> {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new ExtractionError(
        'too-many-entries',
        `archive holds more than ${this.limits.maxEntries} entries`,
      );
    }
    switch (entry.kind) {
      case 'directory':
        await mkdir(entryPath(this.root, entry.name), { recursive: true });
        return;
      case 'file':
        return this.writeFile(entry.name, entry.mode, entry.content);
      case 'hardlink':
        return this.hardlink(entry.name, entry.target);
      case 'symlink':
        return this.recordSymlink(entry.name, entry.target);
      case 'other':
        this.skipped.push({ name: entry.name, reason: `unsupported entry type ${entry.type}` });
    }
  }

  private async writeFile(name: string, mode: number, content: AsyncIterable<Buffer>): Promise<void> {
    const path = await this.placeFor(name);
    // Only the executable bit survives: no setuid/setgid/sticky, no world-writable files.
    const fileMode = (mode & 0o111) !== 0 ? 0o755 : 0o644;
    // 'wx' (O_EXCL) never opens something that already exists, so it cannot follow a link either.
    await pipeline(
      content,
      (source) => this.counted(source),
      createWriteStream(path, { flags: 'wx', mode: fileMode }),
    );
  }

  /** Counts bytes as they are written: a header's declared size is a claim, not a measurement. */
  private async *counted(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      this.bytes += chunk.length;
      if (this.bytes > this.limits.maxBytes) {
        throw new ExtractionError('too-large', `archive expands beyond ${this.limits.maxBytes} bytes`);
      }
      yield chunk;
    }
  }

  private async hardlink(name: string, target: string): Promise<void> {
    let targetPath: string;
    try {
      targetPath = entryPath(this.root, target);
    } catch (error) {
      throw new ExtractionError('link-escape', `hardlink ${name} points outside the archive: ${target}`, {
        cause: error,
      });
    }
    const stats = await lstat(targetPath).catch(() => undefined);
    if (stats?.isFile() !== true || entryPath(this.root, name) === targetPath) {
      this.skipped.push({ name, reason: `hardlink to ${target}, which is not an extracted file` });
      return;
    }
    await link(targetPath, await this.placeFor(name));
  }

  private async recordSymlink(name: string, target: string): Promise<void> {
    const path = entryPath(this.root, name);
    if (path === this.root) throw new ExtractionError('corrupt-archive', `symlink ${name} has no name`);
    const lexical = resolve(dirname(path), target);
    const rel = relative(this.root, lexical);
    if (target === '' || isAbsolute(target) || target.includes('\\') || rel.startsWith('..')) {
      throw new ExtractionError('link-escape', `symlink ${name} -> ${target} points outside the destination`);
    }
    // The parents become real directories now, while no link exists that they could pass through.
    await mkdir(dirname(path), { recursive: true });
    this.links.push({ name, path, target });
  }

  /** Creates the recorded symlinks, then proves each one resolves inside the destination. */
  async finish(): Promise<void> {
    const created: { name: string; path: string; target: string }[] = [];
    for (const entry of this.links) {
      const taken = await lstat(entry.path).then(
        () => true,
        () => false,
      );
      // Parents were created as directories in the first pass, so a later real entry wins over a link.
      const parentIsReal = (await realpath(dirname(entry.path))) === dirname(entry.path);
      if (taken || !parentIsReal) {
        this.skipped.push({ name: entry.name, reason: 'symlink path is taken by another entry' });
        continue;
      }
      await symlink(entry.target, entry.path);
      created.push(entry);
    }
    for (const entry of created) {
      if (!(await staysInside(this.root, entry.path))) {
        throw new ExtractionError(
          'link-escape',
          `symlink ${entry.name} -> ${entry.target} does not resolve inside the destination`,
        );
      }
    }
  }

  /** Validates `name` and clears its place: tar lets a later entry replace an earlier file. */
  private async placeFor(name: string): Promise<string> {
    const path = entryPath(this.root, name);
    if (path === this.root)
      throw new ExtractionError('corrupt-archive', `file entry ${JSON.stringify(name)} has no name`);
    await mkdir(dirname(path), { recursive: true });
    const existing = await lstat(path).catch(() => undefined);
    if (existing?.isDirectory()) {
      throw new ExtractionError('corrupt-archive', `entry ${name} would replace a directory`);
    }
    if (existing) await unlink(path);
    return path;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(ARCHIVE_HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function asExtractionError(error: unknown): unknown {
  if (error instanceof ExtractionError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && ENVIRONMENT_ERRORS.has(code)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ExtractionError('corrupt-archive', `corrupt archive: ${message}`, { cause: error });
}

/**
 * Unpacks a tar, tar.gz or zip (found by its magic bytes) into `destDir`, streaming, or copies a
 * non-archive into it as `fileName`. `destDir` must be absent or empty; on failure it is removed.
 * Symlinks are kept only when they resolve inside `destDir`; one that does not fails the whole
 * archive with 'link-escape'. Devices and fifos are skipped and listed in `skipped`.
 */
export async function extractArchive(
  archivePath: string,
  destDir: string,
  limits: ExtractionLimits,
  fileName?: string,
): Promise<ExtractionResult> {
  const format = detectArchiveFormat(await readHead(archivePath));
  await mkdir(destDir, { recursive: true });
  if ((await readdir(destDir)).length > 0) throw new Error(`extraction directory ${destDir} is not empty`);
  // Resolved once so that every later containment check compares real paths.
  const root = await realpath(destDir);
  const sink = new EntrySink(root, limits);
  try {
    if (format === 'file') {
      const name = fileName ?? 'target';
      if (name.includes('/') || name === '.' || name === '..') throw escape(name, 'is not a plain file name');
      await sink.add({ kind: 'file', name, mode: 0o644, content: createReadStream(archivePath) });
    } else {
      const onEntry = (entry: ArchiveEntry): Promise<void> => sink.add(entry);
      if (format === 'zip') await readZip(archivePath, onEntry);
      else await readTar(archivePath, format === 'tar.gz', onEntry);
      await sink.finish();
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw asExtractionError(error);
  }
  return { format, entries: sink.entries, bytes: sink.bytes, skipped: sink.skipped };
}
