import { describe, expect, it } from 'vitest';
import { AssessmentWorkerEnv } from './env';

describe('AssessmentWorkerEnv', () => {
  it('has working defaults', () => {
    const env = AssessmentWorkerEnv.parse({});
    expect(env.FF_WORKER_CACHE_DIR).toBe('.stack/cache/assessment');
    expect(env.FF_ASSESSMENT_MAX_ENTRIES).toBe(200_000);
    expect(env.FF_WORKER_CONCURRENCY).toBe(4);
  });

  it('coerces numbers and rejects nonsense', () => {
    expect(AssessmentWorkerEnv.parse({ FF_ASSESSMENT_MAX_ENTRIES: '10' }).FF_ASSESSMENT_MAX_ENTRIES).toBe(10);
    expect(() => AssessmentWorkerEnv.parse({ FF_ASSESSMENT_MAX_ENTRIES: '0' })).toThrow();
    expect(() => AssessmentWorkerEnv.parse({ FF_WORKER_CONCURRENCY: 'many' })).toThrow();
  });
});
