import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VerticalWorkerEnv } from './workerEnv';

describe('VerticalWorkerEnv', () => {
  it('has working defaults for everything but the cache directory', () => {
    const env = VerticalWorkerEnv.parse({ FF_WORKER_CACHE_DIR: '/var/cache/ff' });
    expect(env.FF_CACHE_MAX_BYTES).toBe(10 * 1024 ** 3);
    expect(env.FF_EXTRACT_MAX_ENTRIES).toBe(200_000);
    expect(env.FF_EXTRACT_MAX_BYTES).toBe(4 * 1024 ** 3);
    expect(env.FF_WORKER_CONCURRENCY).toBe(2);
    expect(env.NATS_URL).toEqual(expect.any(String));
    expect(env.TEMPORAL_ADDRESS).toEqual(expect.any(String));
    expect(env.S3_BUCKET).toEqual(expect.any(String));
  });

  it('makes each vertical choose its own cache directory', () => {
    expect(() => VerticalWorkerEnv.parse({})).toThrow();
    const vertical = VerticalWorkerEnv.extend({ FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/x') });
    expect(vertical.parse({}).FF_WORKER_CACHE_DIR).toBe('.stack/cache/x');
  });

  it('coerces numbers and rejects nonsense', () => {
    const env = { FF_WORKER_CACHE_DIR: 'c' };
    expect(VerticalWorkerEnv.parse({ ...env, FF_CACHE_MAX_BYTES: '1024' }).FF_CACHE_MAX_BYTES).toBe(1024);
    expect(() => VerticalWorkerEnv.parse({ ...env, FF_WORKER_CONCURRENCY: '0' })).toThrow();
    expect(() => VerticalWorkerEnv.parse({ ...env, FF_EXTRACT_MAX_BYTES: 'lots' })).toThrow();
  });
});
