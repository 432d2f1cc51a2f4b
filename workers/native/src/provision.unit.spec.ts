import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { provisionNativeVertical } from './provision';

const log = createLogger('test', { level: 'error' });

describe('provisionNativeVertical', () => {
  let dir: string;
  const script = async (name: string, output: string): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, `#!/bin/sh\necho '${output}'\n`);
    await chmod(file, 0o755);
    return file;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-native-provision-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('honours tools already named by FF_CPPCHECK_PATH and FF_FLAWFINDER_PATH, installing nothing', async () => {
    const env = {
      PATH: '/nonexistent',
      FF_CPPCHECK_PATH: await script('my-cppcheck', 'Cppcheck 2.99'),
      FF_FLAWFINDER_PATH: await script('my-flawfinder', '2.0.99'),
    };
    await expect(provisionNativeVertical(path.join(dir, 'stack'), env, log)).resolves.toEqual({
      FF_CPPCHECK_PATH: env.FF_CPPCHECK_PATH,
      FF_FLAWFINDER_PATH: env.FF_FLAWFINDER_PATH,
    });
  });

  it('refuses a configured path that does not answer --version, naming the variable and the fix', async () => {
    const env = {
      FF_CPPCHECK_PATH: await script('broken-cppcheck', 'not a version'),
      FF_FLAWFINDER_PATH: await script('ok-flawfinder', '2.0.19'),
    };
    await expect(provisionNativeVertical(path.join(dir, 'stack'), env, log)).rejects.toThrow(
      /FF_CPPCHECK_PATH=.*broken-cppcheck[\s\S]*npm run provision -- native/,
    );
  });
});
