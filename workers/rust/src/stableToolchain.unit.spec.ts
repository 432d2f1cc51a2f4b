import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStableToolchain, parseRustcVerbose } from './stableToolchain';

const rustcVerbose = [
  'rustc 1.95.0 (59807616e 2026-04-14)',
  'binary: rustc',
  'commit-hash: 59807616e1fa2540724bfbac14d7976d7e4a3860',
  'commit-date: 2026-04-14',
  'host: x86_64-unknown-linux-gnu',
  'release: 1.95.0',
  'LLVM version: 20.1.8',
].join('\n');

describe('parseRustcVerbose', () => {
  it('reads the release and the host triple', () => {
    expect(parseRustcVerbose(rustcVerbose)).toEqual({ version: '1.95.0', host: 'x86_64-unknown-linux-gnu' });
    expect(parseRustcVerbose('error: toolchain not installed')).toBeUndefined();
  });
});

describe('findStableToolchain', () => {
  let dir: string;
  const script = async (file: string, body: string): Promise<void> => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-rust-toolchain-'));
    const sysroot = path.join(dir, 'toolchains', 'stable');
    // A rustup proxy answers for the toolchain RUSTUP_TOOLCHAIN names; the toolchain's rustc for itself.
    await script(
      path.join(dir, 'proxy', 'rustc'),
      `[ "$RUSTUP_TOOLCHAIN" = stable ] || { echo "nightly asked" >&2; exit 1; }\necho ${sysroot}`,
    );
    await script(path.join(dir, 'proxy', 'cargo'), 'exit 0');
    // Shell builtins only: the probe runs with the caller's PATH, here none.
    await script(
      path.join(sysroot, 'bin', 'rustc'),
      rustcVerbose
        .split('\n')
        .map((l) => `echo '${l}'`)
        .join('\n'),
    );
    await script(path.join(sysroot, 'bin', 'cargo'), 'exit 0');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("resolves a rustup proxy to the stable toolchain's own cargo", async () => {
    const found = await findStableToolchain(path.join(dir, 'proxy', 'cargo'), { PATH: '/nonexistent' });
    expect(found).toEqual({
      ok: true,
      toolchain: {
        cargo: path.join(dir, 'toolchains', 'stable', 'bin', 'cargo'),
        binDir: path.join(dir, 'toolchains', 'stable', 'bin'),
        rustcVersion: '1.95.0',
        hostTriple: 'x86_64-unknown-linux-gnu',
      },
    });
  });

  it('says why when there is no cargo or no rustc beside it', async () => {
    await expect(findStableToolchain(undefined, { PATH: '/nonexistent', HOME: dir })).resolves.toEqual({
      ok: false,
      problem: 'cargo is not on PATH nor in ~/.cargo/bin',
    });
    const elsewhere = await findStableToolchain(path.join(dir, 'elsewhere', 'cargo'), {});
    expect(elsewhere.ok ? 'found' : elsewhere.problem).toMatch(/rustc --print sysroot failed/);
  });
});
