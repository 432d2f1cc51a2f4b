import { describe, expect, it } from 'vitest';
import { parseMcpEnv } from './env';
import { bearerKey } from './bearer';

describe('ff-mcp configuration', () => {
  it('defaults to a local API, loopback HTTP and a 16 MiB upload bound', () => {
    expect(parseMcpEnv({})).toEqual({
      FF_API_URL: 'http://127.0.0.1:8000',
      FF_API_KEY: undefined,
      FF_MCP_HOST: '127.0.0.1',
      FF_MCP_PORT: 8765,
      FF_MCP_MAX_UPLOAD_BYTES: 16 * 1024 * 1024,
      FF_MCP_MAX_WAIT_SECONDS: 600,
    });
  });

  it('reads numbers from text and treats an empty key as none', () => {
    const env = parseMcpEnv({ FF_API_KEY: '', FF_MCP_MAX_UPLOAD_BYTES: '1024', FF_MCP_PORT: '0' });
    expect(env).toMatchObject({ FF_API_KEY: undefined, FF_MCP_MAX_UPLOAD_BYTES: 1024, FF_MCP_PORT: 0 });
  });

  it('refuses an API URL that is not one', () => {
    expect(() => parseMcpEnv({ FF_API_URL: 'localhost:8000 ' })).toThrow();
  });
});

describe('bearer keys', () => {
  it('takes the key of a Bearer header only', () => {
    expect(bearerKey('Bearer ff_abc')).toBe('ff_abc');
    expect(bearerKey('bearer ff_abc')).toBe('ff_abc');
    expect(bearerKey(undefined)).toBeUndefined();
    expect(bearerKey('Basic dXNlcjpwdw==')).toBeUndefined();
    expect(bearerKey('Bearer ')).toBeUndefined();
    expect(bearerKey('Bearer a b')).toBeUndefined();
  });
});
