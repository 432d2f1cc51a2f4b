import { describe, expect, it } from 'vitest';
import { JavascriptWorkerEnv } from './env';

describe('JavascriptWorkerEnv', () => {
  it('has working defaults and leaves tool paths to provisioning', () => {
    const env = JavascriptWorkerEnv.parse({});
    expect(env.FF_WORKER_CACHE_DIR).toBe('.stack/cache/javascript');
    expect(env.FF_ESLINT_PATH).toBeUndefined();
    expect(env.FF_SEMGREP_PATH).toBeUndefined();
  });

  it('coerces numbers and rejects nonsense', () => {
    expect(JavascriptWorkerEnv.parse({ FF_CACHE_MAX_BYTES: '1024' }).FF_CACHE_MAX_BYTES).toBe(1024);
    expect(() => JavascriptWorkerEnv.parse({ FF_EXTRACT_MAX_ENTRIES: '-1' })).toThrow();
    expect(() => JavascriptWorkerEnv.parse({ FF_ESLINT_PATH: '' })).toThrow();
  });
});
