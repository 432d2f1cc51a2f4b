import { describe, expect, it } from 'vitest';
import { NativeWorkerEnv } from './env';

describe('NativeWorkerEnv', () => {
  it('has working defaults and leaves tool paths to provisioning', () => {
    const env = NativeWorkerEnv.parse({});
    expect(env.FF_WORKER_CACHE_DIR).toBe('.stack/cache/native');
    expect(env.FF_CPPCHECK_PATH).toBeUndefined();
    expect(env.FF_FLAWFINDER_PATH).toBeUndefined();
  });

  it('coerces numbers and rejects nonsense', () => {
    expect(NativeWorkerEnv.parse({ FF_CACHE_MAX_BYTES: '1024' }).FF_CACHE_MAX_BYTES).toBe(1024);
    expect(() => NativeWorkerEnv.parse({ FF_EXTRACT_MAX_ENTRIES: '-1' })).toThrow();
    expect(() => NativeWorkerEnv.parse({ FF_CPPCHECK_PATH: '' })).toThrow();
  });
});
