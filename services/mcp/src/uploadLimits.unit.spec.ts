import { describe, expect, it } from 'vitest';
import { base64Length, contentBase64Field, maxRequestBodyBytes } from './uploadLimits';

describe('upload bounds over HTTP', () => {
  const field = contentBase64Field(1024 * 1024);

  it('accepts content of exactly the limit and refuses one byte more, naming the limit and the way out', () => {
    expect(field.safeParse(Buffer.alloc(1024 * 1024).toString('base64')).success).toBe(true);
    const over = field.safeParse(Buffer.alloc(1024 * 1024 + 1).toString('base64'));
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toMatch(/more than 1 MiB.*ff targets upload/);
  });

  it('refuses text that is not base64 instead of decoding it to garbage', () => {
    expect(field.safeParse('aGVsbG8=').success).toBe(true);
    expect(field.safeParse('not base64!').success).toBe(false);
    expect(field.safeParse('').success).toBe(false);
  });

  it('lets the request body hold the largest upload and its envelope', () => {
    expect(base64Length(3)).toBe(4);
    expect(base64Length(4)).toBe(8);
    expect(maxRequestBodyBytes(16 * 1024 * 1024)).toBeGreaterThan(base64Length(16 * 1024 * 1024));
  });
});
