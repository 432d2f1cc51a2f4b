import { describe, expect, it } from 'vitest';
import { parseApiEnv } from '../env';
import { isLoopbackHost } from './adminOnly';

describe('admin access configuration', () => {
  it('treats only loopback listen addresses as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'api.internal', '127.0.0.1.example.com']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });

  it('reads FF_ADMIN_TOKEN, treats an empty one as unset and refuses a short one', () => {
    expect(parseApiEnv({}).FF_ADMIN_TOKEN).toBeUndefined();
    expect(parseApiEnv({ FF_ADMIN_TOKEN: '' }).FF_ADMIN_TOKEN).toBeUndefined();
    expect(parseApiEnv({ FF_ADMIN_TOKEN: 'a'.repeat(32) }).FF_ADMIN_TOKEN).toBe('a'.repeat(32));
    expect(() => parseApiEnv({ FF_ADMIN_TOKEN: 'short' })).toThrow(/at least 16/);
  });
});
