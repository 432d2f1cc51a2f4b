import { describe, expect, it } from 'vitest';
import { createHttpApp } from './httpApp';

// Nothing here reaches the API: these requests are answered before any tool runs.
const app = createHttpApp({ apiUrl: 'http://127.0.0.1:9', maxUploadBytes: 3, maxWaitSeconds: 10 });
const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
});
const post = (headers: Record<string, string>, body = initialize) =>
  app.request('/mcp', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });

describe('the MCP HTTP endpoint', () => {
  it('answers 401 with a Bearer challenge without a key, or with another scheme', async () => {
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwdw==' }] as Record<string, string>[]) {
      const res = await post(headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('initializes a client that sends a bearer key', async () => {
    const res = await post({ authorization: 'Bearer ff_some_key' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"name":"fuzzforge"');
  });

  it('refuses a body larger than the biggest upload allows, before parsing it', async () => {
    const res = await post({ authorization: 'Bearer ff_some_key' }, 'x'.repeat(1024 * 1024 + 100));
    expect(res.status).toBe(413);
  });

  it('is stateless: GET and DELETE are not allowed', async () => {
    const res = await app.request('/mcp', { headers: { authorization: 'Bearer ff_some_key' } });
    expect(res.status).toBe(405);
  });
});
