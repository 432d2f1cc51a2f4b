import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
  // Stand-ins answering the way Debian's clang 14, llvm-symbolizer and AFL++ 4.04c do.
  const fuzzToolchain = async (runtimes: string[] = ['libclang_rt.fuzzer-x86_64.a']) => {
    const runtimeDir = path.join(dir, `rt-${runtimes.length}`);
    await mkdir(runtimeDir, { recursive: true });
    for (const runtime of runtimes) await writeFile(path.join(runtimeDir, runtime), '');
    const clang = `case "$1" in --print-runtime-dir) echo '${runtimeDir}';; *) echo 'Debian clang version 14.0.6';; esac`;
    const write = async (name: string, body: string): Promise<string> => {
      const file = path.join(dir, name);
      await writeFile(file, `#!/bin/sh\n${body}\n`);
      await chmod(file, 0o755);
      return file;
    };
    const afl = 'echo "afl-cc++4.04c by Michal Zalewski"; exit 1';
    const env = {
      FF_CLANG_PATH: await write(`clang-${runtimes.length}`, clang),
      FF_LLVM_SYMBOLIZER_PATH: await write('llvm-symbolizer', "echo 'Debian LLVM version 14.0.6'"),
      FF_AFL_FUZZ_PATH: await write('afl-fuzz', 'echo "afl-fuzz++4.04c based on afl"; exit 1'),
      FF_AFL_CC_PATH: await write('afl-clang-fast', afl),
    };
    await write(`clang++-${runtimes.length}`, clang);
    await write('afl-clang-fast++', afl);
    return env;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-native-provision-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('honours tools already named by FF_CPPCHECK_PATH, FF_FLAWFINDER_PATH and the fuzzing toolchain variables, installing nothing', async () => {
    const toolchain = await fuzzToolchain();
    const env = {
      PATH: '/nonexistent',
      FF_CPPCHECK_PATH: await script('my-cppcheck', 'Cppcheck 2.99'),
      FF_FLAWFINDER_PATH: await script('my-flawfinder', '2.0.99'),
      ...toolchain,
    };
    await expect(provisionNativeVertical(path.join(dir, 'stack'), env, log)).resolves.toEqual({
      FF_CPPCHECK_PATH: env.FF_CPPCHECK_PATH,
      FF_FLAWFINDER_PATH: env.FF_FLAWFINDER_PATH,
      ...toolchain,
    });
  });

  it('refuses a configured clang without the libFuzzer runtime, naming the variable and the fix', async () => {
    const env = {
      PATH: '/nonexistent',
      FF_CPPCHECK_PATH: await script('my-cppcheck', 'Cppcheck 2.99'),
      FF_FLAWFINDER_PATH: await script('my-flawfinder', '2.0.99'),
      ...(await fuzzToolchain(['libclang_rt.asan-x86_64.a', 'libclang_rt.ubsan_standalone-x86_64.a'])),
    };
    await expect(provisionNativeVertical(path.join(dir, 'stack'), env, log)).rejects.toThrow(
      /FF_CLANG_PATH=.*clang-2 is not a working clang and clang\+\+ with the libFuzzer runtime[\s\S]*npm run provision -- native/,
    );
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
