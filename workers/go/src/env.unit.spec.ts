import { describe, expect, it } from 'vitest';
import { GoWorkerEnv } from './env';

describe('GoWorkerEnv', () => {
  it('has working defaults and leaves tool paths to provisioning', () => {
    const env = GoWorkerEnv.parse({});
    expect(env.FF_WORKER_CACHE_DIR).toBe('.stack/cache/go');
    expect(env.FF_GOSEC_PATH).toBeUndefined();
    expect(env.FF_GO_BINARY).toBeUndefined();
    expect(env.FF_GO_BUILD_CACHE).toBe('.stack/cache/go-build');
  });

  it('coerces numbers and rejects nonsense', () => {
    expect(GoWorkerEnv.parse({ FF_WORKER_CONCURRENCY: '3' }).FF_WORKER_CONCURRENCY).toBe(3);
    expect(() => GoWorkerEnv.parse({ FF_WORKER_CONCURRENCY: '0' })).toThrow();
    expect(() => GoWorkerEnv.parse({ FF_GOSEC_PATH: '' })).toThrow();
    expect(() => GoWorkerEnv.parse({ FF_GO_BUILD_CACHE: '' })).toThrow();
  });
});
