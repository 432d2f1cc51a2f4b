import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crashArtifactsIn, newCrashArtifacts } from './crashArtifacts';

const hash = 'b43823a6d5be39497243fdaff53941214b355b41';

describe('crash artifacts', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-crash-artifacts-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const write = (...names: string[]) => Promise.all(names.map((n) => writeFile(path.join(dir, n), 'x')));

  it('lists what libFuzzer writes for crashes, hangs, OOMs and leaks, not slow inputs or other files', async () => {
    await write(`timeout-${hash}`, `crash-${hash}`, `oom-${hash}`, `leak-${hash}`);
    await write(`slow-unit-${hash}`, `crash-${hash}.min`, 'fuzz-0.log');
    expect(await crashArtifactsIn(dir)).toEqual(
      [`crash-${hash}`, `leak-${hash}`, `oom-${hash}`, `timeout-${hash}`].map((n) => path.join(dir, n)),
    );
  });

  it('tells the artifacts a session wrote from those there before it', async () => {
    await write(`crash-${hash}`);
    const before = await crashArtifactsIn(dir);
    await write(`oom-${hash}`);
    expect(await newCrashArtifacts(dir, before)).toEqual([path.join(dir, `oom-${hash}`)]);
  });

  it('finds none in a directory that does not exist', async () => {
    expect(await crashArtifactsIn(path.join(dir, 'missing'))).toEqual([]);
  });
});
