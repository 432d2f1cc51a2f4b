import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import {
  asExtractionError,
  readTarEntries,
  readZipEntries,
  type ArchiveFormat,
} from '@fuzzforge/platform/archive';
import { ExpansionMeter, type ArchiveLimits } from './archiveLimits';
import { ArchiveTree } from './archiveTree';

/**
 * Judges an upload's bytes as they arrive. Every method rejects with an ExtractionError when the
 * archive breaks a rule or cannot be read, or with the machine's own error (ENOSPC...).
 */
export interface ArchiveInspection {
  /** Takes the next bytes; resolves once it can take more, so memory stays bounded. */
  write(chunk: Buffer): Promise<void>;
  /** All bytes are in: resolves once the whole archive passed every rule. */
  end(): Promise<void>;
  /** Gives up (the upload failed elsewhere) and releases what the inspection holds. */
  abort(): Promise<void>;
  /** Rejects as soon as the archive is refused, even between writes; never resolves otherwise. */
  readonly refused: Promise<never>;
}

export interface InspectionOptions {
  limits: ArchiveLimits;
  /** Where a zip waits on disk for its central directory to be read. */
  tempDir: string;
}

/** Starts inspecting an upload whose first bytes say it is `format`; a plain file passes as it is. */
export function inspectArchive(format: ArchiveFormat, o: InspectionOptions): ArchiveInspection {
  switch (format) {
    case 'file':
      return {
        write: () => Promise.resolve(),
        end: () => Promise.resolve(),
        abort: () => Promise.resolve(),
        refused: new Promise<never>(() => undefined),
      };
    case 'zip':
      return inspectZip(o);
    case 'tar':
    case 'tar.gz':
      return inspectTar(format === 'tar.gz', o.limits);
  }
}

/** A pass-through that counts what goes through it. */
function byteCounter(count: (bytes: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        count(chunk.length);
        done(null, chunk);
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/**
 * Feeds `input` with backpressure while `judge` reads it, and turns whatever `judge` fails with into
 * the inspection's refusal. `judge` starts with the first bytes.
 */
function inspection(
  input: Transform,
  judge: () => Promise<void>,
  cleanup: () => Promise<void> = () => Promise.resolve(),
): ArchiveInspection {
  // Failures surface through `judge`; this keeps a write after one from throwing out of band.
  input.on('error', () => undefined);
  let failure: Error | undefined;
  let judged: Promise<void> | undefined;
  let refuse: (error: unknown) => void = () => undefined;
  const refused = new Promise<never>((_, reject) => (refuse = reject));
  refused.catch(() => undefined);
  const fail = (error: unknown): never => {
    failure ??= asExtractionError(error) as Error;
    refuse(failure);
    throw failure;
  };
  const start = (): Promise<void> => {
    judged ??= judge().catch(fail);
    judged.catch(() => undefined);
    return judged;
  };
  return {
    refused,
    async write(chunk) {
      if (failure !== undefined) throw failure;
      void start();
      if (!input.write(chunk)) await Promise.race([once(input, 'drain'), refused]).catch(fail);
    },
    async end() {
      if (failure !== undefined) throw failure;
      const judging = start();
      input.end();
      try {
        await judging;
      } finally {
        await cleanup();
      }
    },
    async abort() {
      input.destroy();
      await judged?.catch(() => undefined);
      await cleanup();
    },
  };
}

/**
 * A tar is judged while it streams in: the parser a worker uses reads the entries, and for a tar.gz
 * the inflated bytes are measured against the compressed ones as they come.
 */
function inspectTar(gzipped: boolean, limits: ArchiveLimits): ArchiveInspection {
  const meter = new ExpansionMeter(limits);
  const input = byteCounter((bytes) => (meter.compressed += bytes));
  const tree = new ArchiveTree(limits);
  return inspection(input, async () => {
    if (gzipped) {
      const inflated = byteCounter((bytes) => meter.addExpanded(bytes));
      const inflating = pipeline(input, createGunzip(), inflated);
      inflating.catch(() => undefined);
      await Promise.all([readTarEntries(inflated, false, (entry) => tree.add(entry)), inflating]);
    } else {
      await readTarEntries(input, false, (entry) => tree.add(entry));
    }
    await tree.finish();
  });
}

/**
 * A zip keeps its directory at the end, so it is written to a private temporary file as it arrives
 * and read, with the reader a worker uses, once complete; every entry is inflated and counted.
 */
function inspectZip(o: InspectionOptions): ArchiveInspection {
  const meter = new ExpansionMeter(o.limits);
  const input = byteCounter((bytes) => (meter.compressed += bytes));
  let dir: string | undefined;
  const judge = async (): Promise<void> => {
    dir = await mkdtemp(join(o.tempDir, 'ff-upload-'));
    const path = join(dir, 'upload.zip');
    await pipeline(input, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    const tree = new ArchiveTree(o.limits, (bytes, entry) => meter.addExpanded(bytes, entry));
    await readZipEntries(path, (entry) => tree.add(entry));
    await tree.finish();
  };
  const cleanup = async (): Promise<void> => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  };
  return inspection(input, judge, cleanup);
}
