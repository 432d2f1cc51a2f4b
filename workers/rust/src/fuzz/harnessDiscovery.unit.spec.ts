import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverCargoFuzzHarnesses } from './harnessDiscovery';

const fixture = fileURLToPath(new URL('../../../../tests/fixtures/fuzz-rust-panic', import.meta.url));

describe('discoverCargoFuzzHarnesses', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'ff-rust-discover-'));
    await cp(fixture, workspace, { recursive: true });
    await cp(fixture, path.join(workspace, 'crates', 'codec'), { recursive: true });
    // A crate whose manifest lists no [[bin]]: its fuzz_targets/ files stand for the targets.
    const bare = path.join(workspace, 'tools', 'bare', 'fuzz');
    await mkdir(path.join(bare, 'fuzz_targets'), { recursive: true });
    await writeFile(path.join(bare, 'Cargo.toml'), '[dependencies]\nlibfuzzer-sys = "0.4"\n');
    await writeFile(path.join(bare, 'fuzz_targets', 'lex.rs'), '');
    // Build output and another fuzzer's crate are not harnesses.
    await cp(fixture, path.join(workspace, 'target', 'package', 'copy'), { recursive: true });
    await mkdir(path.join(workspace, 'afl', 'fuzz'), { recursive: true });
    await writeFile(path.join(workspace, 'afl', 'fuzz', 'Cargo.toml'), '[dependencies]\nafl = "0.15"\n');
  });
  afterAll(() => rm(workspace, { recursive: true, force: true }));

  it('names the root crate’s targets plainly and prefixes the others with their crate dir', async () => {
    await expect(discoverCargoFuzzHarnesses(workspace)).resolves.toEqual([
      {
        name: 'crates/codec/parse',
        source: 'crates/codec/fuzz/fuzz_targets/parse.rs',
        detail: { crateDir: 'crates/codec', target: 'parse' },
      },
      { name: 'parse', source: 'fuzz/fuzz_targets/parse.rs', detail: { crateDir: '.', target: 'parse' } },
      {
        name: 'tools/bare/lex',
        source: 'tools/bare/fuzz/fuzz_targets/lex.rs',
        detail: { crateDir: 'tools/bare', target: 'lex' },
      },
    ]);
  });

  it('finds nothing in a workspace without cargo-fuzz', async () => {
    await expect(discoverCargoFuzzHarnesses(path.join(workspace, 'afl'))).resolves.toEqual([]);
  });
});
