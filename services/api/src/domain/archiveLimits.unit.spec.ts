import { describe, expect, it } from 'vitest';
import { defaultExtractionLimits, ExtractionError } from '@fuzzforge/platform/archive';
import { parseApiEnv } from '../env';
import { compressionRatioProblem, defaultArchiveLimits } from './archiveLimits';
import { archiveProblem } from './archiveProblem';

// The one setting the API has no default for.
const required = { FF_WEBHOOK_SECRET_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` };
const limits = { ...defaultArchiveLimits, maxCompressionRatio: 100, ratioExemptBytes: 1000 };

describe('compression ratio', () => {
  it('refuses an expansion past the ratio once it is past the exemption', () => {
    expect(compressionRatioProblem(1000, 1, limits)).toBeUndefined();
    expect(compressionRatioProblem(10_000, 100, limits)).toBeUndefined();
    expect(compressionRatioProblem(10_001, 100, limits)).toMatchObject({ code: 'compression-ratio' });
    expect(compressionRatioProblem(10_001, 100, limits, 'bomb')).toMatchObject({ entry: 'bomb' });
  });
});

describe('archive limits configuration', () => {
  it('defaults to the workers own extraction limits, and reads each from the environment', () => {
    expect(defaultArchiveLimits).toMatchObject(defaultExtractionLimits);
    const env = parseApiEnv(required);
    expect(env.FF_EXTRACT_MAX_ENTRIES).toBe(defaultExtractionLimits.maxEntries);
    expect(env.FF_EXTRACT_MAX_BYTES).toBe(defaultExtractionLimits.maxBytes);
    expect(env.FF_UPLOAD_MAX_COMPRESSION_RATIO).toBe(100);
    expect(env.FF_UPLOAD_RATIO_EXEMPT_BYTES).toBe(64 * 1024 * 1024);
    const set = parseApiEnv({
      ...required,
      FF_EXTRACT_MAX_ENTRIES: '10',
      FF_EXTRACT_MAX_BYTES: '2048',
      FF_UPLOAD_MAX_COMPRESSION_RATIO: '20',
      FF_UPLOAD_RATIO_EXEMPT_BYTES: '0',
      FF_UPLOAD_TEMP_DIR: '/var/tmp/ff',
    });
    expect(set).toMatchObject({
      FF_EXTRACT_MAX_ENTRIES: 10,
      FF_EXTRACT_MAX_BYTES: 2048,
      FF_UPLOAD_MAX_COMPRESSION_RATIO: 20,
      FF_UPLOAD_RATIO_EXEMPT_BYTES: 0,
      FF_UPLOAD_TEMP_DIR: '/var/tmp/ff',
    });
    expect(() => parseApiEnv({ ...required, FF_EXTRACT_MAX_ENTRIES: '0' })).toThrow();
  });
});

describe('archive problems', () => {
  it('answers a broken rule with 422 unsafe-archive naming the entry and the rule', () => {
    const problem = archiveProblem(
      new ExtractionError('path-escape', 'entry "../x" contains a ".." segment', { entry: '../x' }),
      'tar.gz',
    );
    expect(problem).toMatchObject({
      status: 422,
      code: 'unsafe-archive',
      errors: [{ path: '../x', message: 'path-escape' }],
    });
    expect(problem.message).toContain('entry "../x" contains a ".." segment');
  });

  it('answers an unreadable archive with 422 corrupt-archive', () => {
    const problem = archiveProblem(
      new ExtractionError('corrupt-archive', 'corrupt archive: bad header'),
      'tar.gz',
    );
    expect(problem).toMatchObject({
      status: 422,
      code: 'corrupt-archive',
      errors: [{ path: '', message: 'corrupt-archive' }],
    });
  });
});
