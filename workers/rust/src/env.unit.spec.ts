import { describe, expect, it } from 'vitest';
import { RustToolchainEnv, RustWorkerEnv } from './env';

describe('RustWorkerEnv', () => {
  it('has working defaults and leaves tool paths to provisioning', () => {
    const env = RustWorkerEnv.parse({});
    expect(env.FF_WORKER_CACHE_DIR).toBe('.stack/cache/rust');
    expect(env.FF_CARGO_CACHE_DIR).toBe('.stack/cache/cargo');
    expect(env.FF_CARGO_TARGET_MAX_MB).toBe(4096);
    expect(env.FF_WORKER_CONCURRENCY).toBe(1);
    expect(env.FF_CARGO_PATH).toBeUndefined();
    expect(env.FF_CARGO_FUZZ_PATH).toBeUndefined();
    expect(env.FF_LLVM_SYMBOLIZER_PATH).toBeUndefined();
  });

  it('coerces numbers and rejects nonsense', () => {
    expect(RustWorkerEnv.parse({ FF_CARGO_TARGET_MAX_MB: '512' }).FF_CARGO_TARGET_MAX_MB).toBe(512);
    expect(() => RustWorkerEnv.parse({ FF_CARGO_TARGET_MAX_MB: '0' })).toThrow();
    expect(() => RustWorkerEnv.parse({ FF_WORKER_CONCURRENCY: '0' })).toThrow();
    expect(() => RustWorkerEnv.parse({ FF_CARGO_FUZZ_PATH: '' })).toThrow();
  });
});

describe('RustToolchainEnv', () => {
  it('reads the toolchain variables out of a whole process environment', () => {
    const env = RustToolchainEnv.parse({ PATH: '/bin', FF_CARGO_PATH: '/opt/rust/bin/cargo' });
    expect(env).toEqual({
      FF_CARGO_PATH: '/opt/rust/bin/cargo',
      FF_CARGO_CACHE_DIR: '.stack/cache/cargo',
      FF_CARGO_TARGET_MAX_MB: 4096,
    });
  });
});
