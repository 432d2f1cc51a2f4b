import { describe, expect, it } from 'vitest';
import { NativeWorkerEnv } from './env';

describe('NativeWorkerEnv', () => {
  it('has working defaults and leaves tool paths to provisioning', () => {
    const env = NativeWorkerEnv.parse({});
    expect(env.FF_WORKER_CACHE_DIR).toBe('.stack/cache/native');
    expect(env.FF_CPPCHECK_PATH).toBeUndefined();
    expect(env.FF_FLAWFINDER_PATH).toBeUndefined();
    expect(env.FF_CLANG_PATH).toBeUndefined();
    expect(env.FF_LLVM_SYMBOLIZER_PATH).toBeUndefined();
    expect(env.FF_AFL_FUZZ_PATH).toBeUndefined();
    expect(env.FF_AFL_CC_PATH).toBeUndefined();
  });

  it('keeps the fuzzing toolchain paths provisioning hands over', () => {
    const env = NativeWorkerEnv.parse({
      FF_CLANG_PATH: '/usr/bin/clang-14',
      FF_LLVM_SYMBOLIZER_PATH: '/usr/bin/llvm-symbolizer-14',
      FF_AFL_FUZZ_PATH: '/usr/bin/afl-fuzz',
      FF_AFL_CC_PATH: '/usr/bin/afl-clang-fast',
    });
    expect(env.FF_CLANG_PATH).toBe('/usr/bin/clang-14');
    expect(env.FF_AFL_CC_PATH).toBe('/usr/bin/afl-clang-fast');
    expect(() => NativeWorkerEnv.parse({ FF_AFL_FUZZ_PATH: '' })).toThrow();
  });

  it('coerces numbers and rejects nonsense', () => {
    expect(NativeWorkerEnv.parse({ FF_CACHE_MAX_BYTES: '1024' }).FF_CACHE_MAX_BYTES).toBe(1024);
    expect(() => NativeWorkerEnv.parse({ FF_EXTRACT_MAX_ENTRIES: '-1' })).toThrow();
    expect(() => NativeWorkerEnv.parse({ FF_CPPCHECK_PATH: '' })).toThrow();
  });
});
