import { describe, expect, it } from 'vitest';
import { PythonWorkerEnv } from './env';

describe('PythonWorkerEnv', () => {
  it('has working defaults and leaves tool paths to provisioning', () => {
    const env = PythonWorkerEnv.parse({});
    expect(env.FF_WORKER_CACHE_DIR).toBe('.stack/cache/python');
    expect(env.FF_BANDIT_PATH).toBeUndefined();
    expect(env.FF_ATHERIS_PYTHON).toBeUndefined();
    expect(env.FF_WORKER_CONCURRENCY).toBe(2);
  });

  it('coerces numbers and rejects nonsense', () => {
    expect(PythonWorkerEnv.parse({ FF_WORKER_CONCURRENCY: '4' }).FF_WORKER_CONCURRENCY).toBe(4);
    expect(() => PythonWorkerEnv.parse({ FF_WORKER_CONCURRENCY: '0' })).toThrow();
    expect(() => PythonWorkerEnv.parse({ FF_BANDIT_PATH: '' })).toThrow();
    expect(() => PythonWorkerEnv.parse({ FF_ATHERIS_PYTHON: '' })).toThrow();
  });
});
