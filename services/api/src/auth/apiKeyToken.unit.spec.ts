import { describe, expect, it } from 'vitest';
import { bearerToken, hashKey, issueKey, keyPrefix } from './apiKeyToken';

describe('issueKey', () => {
  it('issues distinct 256-bit keys and keeps only a short prefix and the hash', () => {
    const a = issueKey();
    const b = issueKey();
    expect(a.key).not.toBe(b.key);
    expect(a.key.startsWith(keyPrefix)).toBe(true);
    expect(Buffer.from(a.key.slice(keyPrefix.length), 'base64url')).toHaveLength(32);
    expect(a.key.startsWith(a.prefix)).toBe(true);
    expect(a.prefix.length).toBeLessThan(16);
    expect(a.hash).toBe(hashKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes a chosen (bootstrap) key the same way, and shows none of it', () => {
    const chosen = issueKey('operator-chosen-bootstrap-key');
    expect(chosen.hash).toBe(hashKey('operator-chosen-bootstrap-key'));
    expect(chosen.prefix).toBe(`sha256:${chosen.hash.slice(0, 8)}`);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer   ffk_x-y_z ', 'ffk_x-y_z'],
    [undefined, undefined],
    ['', undefined],
    ['Basic dXNlcjpwYXNz', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    [`Bearer ${'x'.repeat(513)}`, undefined],
  ])('%s → %s', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
