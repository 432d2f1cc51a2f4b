import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { ProvisionError } from '@fuzzforge/worker-runtime/provision';
import { provisionRustVertical } from './provision';

const log = createLogger('test', { level: 'error' });

describe('provisionRustVertical', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-rust-provision-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses without a Rust toolchain, naming the fix', async () => {
    const failure = provisionRustVertical(path.join(dir, 'stack'), { PATH: '/nonexistent', HOME: dir }, log);
    await expect(failure).rejects.toBeInstanceOf(ProvisionError);
    await expect(failure).rejects.toMatchObject({ code: 'prerequisite-missing' });
    await expect(failure).rejects.toThrow(/rustup toolchain install stable/);
  });

  it('refuses a configured cargo-fuzz that does not answer, before installing anything', async () => {
    const fake = path.join(dir, 'not-cargo-fuzz');
    await writeFile(fake, '#!/bin/sh\necho nope\n');
    await chmod(fake, 0o755);
    const failure = provisionRustVertical(
      path.join(dir, 'stack'),
      { PATH: '/nonexistent', HOME: dir, FF_CARGO_FUZZ_PATH: fake },
      log,
    );
    await expect(failure).rejects.toThrow(/FF_CARGO_FUZZ_PATH=.*not-cargo-fuzz does not answer/);
  });
});
