import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLlvmSymbolizer } from './llvmSymbolizer';

describe('findLlvmSymbolizer', () => {
  let lib: string;
  const install = async (dir: string): Promise<string> => {
    const file = path.join(lib, dir, 'bin', 'llvm-symbolizer');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '#!/bin/sh\n');
    await chmod(file, 0o755);
    return file;
  };
  beforeAll(async () => {
    lib = await mkdtemp(path.join(tmpdir(), 'ff-llvm-'));
  });
  afterAll(() => rm(lib, { recursive: true, force: true }));

  it("takes the newest of Debian's versioned LLVMs when PATH has none, and none when there is none", async () => {
    await expect(findLlvmSymbolizer('/nonexistent', lib)).resolves.toBeUndefined();
    await install('llvm-9');
    const newest = await install('llvm-14');
    await mkdir(path.join(lib, 'llvm-19', 'bin'), { recursive: true });
    await expect(findLlvmSymbolizer('/nonexistent', lib)).resolves.toBe(newest);
  });

  it('prefers the one on PATH', async () => {
    const onPath = await install('custom');
    await expect(findLlvmSymbolizer(path.dirname(onPath), lib)).resolves.toBe(onPath);
  });
});
