import { createWriteStream } from 'node:fs';
import { lstat, link, mkdir, readlink, realpath, symlink, unlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  checkSymlinkTarget,
  entryPath,
  entrySegments,
  ExtractionBudget,
  ExtractionError,
  hardlinkTargetSegments,
  staysInside,
  type ArchiveEntry,
  type ExtractionLimits,
  type LinkReader,
} from '@fuzzforge/platform/archive';

/** An entry that was deliberately not written (device, fifo, link that lost to a real entry...). */
export interface SkippedEntry {
  name: string;
  reason: string;
}

/**
 * Writes validated entries under `root`. Symlinks are only recorded while entries stream in and are
 * created after the last one, so no entry can ever be written through a link; `finish` then checks
 * every link as the kernel would resolve it.
 */
export class EntrySink {
  readonly skipped: SkippedEntry[] = [];
  private readonly budget: ExtractionBudget;
  private readonly links: { name: string; path: string; target: string }[] = [];

  constructor(
    private readonly root: string,
    limits: ExtractionLimits,
  ) {
    this.budget = new ExtractionBudget(limits);
  }

  /** Entries seen, of any kind. */
  get entries(): number {
    return this.budget.entries;
  }

  /** File bytes written. */
  get bytes(): number {
    return this.budget.bytes;
  }

  async add(entry: ArchiveEntry): Promise<void> {
    this.budget.countEntry(entry.name);
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
      (source) => this.counted(name, source),
      createWriteStream(path, { flags: 'wx', mode: fileMode }),
    );
  }

  /** Counts bytes as they are written: a header's declared size is a claim, not a measurement. */
  private async *counted(name: string, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      this.budget.countBytes(name, chunk.length);
      yield chunk;
    }
  }

  private async hardlink(name: string, target: string): Promise<void> {
    const targetPath = join(this.root, ...hardlinkTargetSegments(name, target));
    const stats = await lstat(targetPath).catch(() => undefined);
    if (stats?.isFile() !== true || entryPath(this.root, name) === targetPath) {
      this.skipped.push({ name, reason: `hardlink to ${target}, which is not an extracted file` });
      return;
    }
    await link(targetPath, await this.placeFor(name));
  }

  private async recordSymlink(name: string, target: string): Promise<void> {
    const segments = entrySegments(name);
    if (segments.length === 0)
      throw new ExtractionError('corrupt-archive', `symlink ${name} has no name`, { entry: name });
    checkSymlinkTarget(name, segments, target);
    const path = join(this.root, ...segments);
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
      if (!(await staysInside(relative(this.root, entry.path), this.readLink))) {
        throw new ExtractionError(
          'link-escape',
          `symlink ${entry.name} -> ${entry.target} does not resolve inside the destination`,
          { entry: entry.name },
        );
      }
    }
  }

  /** What the disk holds under the root: the kernel's view that `staysInside` walks. */
  private readonly readLink: LinkReader = async (relativePath) => {
    const path = join(this.root, relativePath);
    const stats = await lstat(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
    return stats?.isSymbolicLink() ? readlink(path) : undefined;
  };

  /** Validates `name` and clears its place: tar lets a later entry replace an earlier file. */
  private async placeFor(name: string): Promise<string> {
    const path = entryPath(this.root, name);
    if (path === this.root)
      throw new ExtractionError('corrupt-archive', `file entry ${JSON.stringify(name)} has no name`, {
        entry: name,
      });
    await mkdir(dirname(path), { recursive: true });
    const existing = await lstat(path).catch(() => undefined);
    if (existing?.isDirectory()) {
      throw new ExtractionError('corrupt-archive', `entry ${name} would replace a directory`, {
        entry: name,
      });
    }
    if (existing) await unlink(path);
    return path;
  }
}
