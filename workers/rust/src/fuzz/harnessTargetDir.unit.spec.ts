import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capTargetDir, harnessTargetDir, pruneStaleBinaries } from './harnessTargetDir';

describe('harnessTargetDir', () => {
  it('gives each harness name its own readable dir under the cache', () => {
    const a = harnessTargetDir('/cache', 'crates/codec/parse');
    expect(a).toMatch(/^\/cache\/target\/crates-codec-parse-[0-9a-f]{12}$/);
    expect(harnessTargetDir('/cache', 'crates/codec/parse')).toBe(a);
    // Names that read alike after sanitising still get different dirs.
    expect(harnessTargetDir('/cache', 'crates-codec-parse')).not.toBe(a);
  });
});

describe('target dir housekeeping', () => {
  let dir: string;
  const hourAgo = (Date.now() - 3600_000) / 1000;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-rust-target-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("deletes earlier runs' fuzz binaries, keeping recent ones and every library", async () => {
    const deps = path.join(dir, 'release', 'deps');
    await mkdir(deps, { recursive: true });
    const files = [
      'my_target-0123456789abcdef',
      'my_target-0123456789abcdef.d',
      'my_target-fedcba9876543210',
      'libmy_crate-0123456789abcdef.rlib',
      'my_target_two-0123456789abcdef',
    ];
    for (const f of files) await writeFile(path.join(deps, f), 'x');
    for (const f of files.filter((f) => f !== 'my_target-fedcba9876543210')) {
      await utimes(path.join(deps, f), hourAgo, hourAgo);
    }
    await pruneStaleBinaries(path.join(dir, 'release'), 'my-target', Date.now());
    expect((await readdir(deps)).sort()).toEqual([
      'libmy_crate-0123456789abcdef.rlib',
      'my_target-fedcba9876543210',
      'my_target_two-0123456789abcdef',
    ]);
  });

  it('empties a target dir only once it outgrew its cap', async () => {
    const target = path.join(dir, 'capped');
    await mkdir(path.join(target, 'deps'), { recursive: true });
    await writeFile(path.join(target, 'deps', 'big'), Buffer.alloc(2048));
    await expect(capTargetDir(target, 4096)).resolves.toBe(false);
    await expect(capTargetDir(target, 1024)).resolves.toBe(true);
    await expect(readdir(target)).rejects.toThrow();
  });
});
