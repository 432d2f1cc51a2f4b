import { Hono } from 'hono';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { FuzzForgeClient } from '@fuzzforge/sdk';
import { bearerKey } from './bearer';
import { createMcpServer } from './server';
import { maxRequestBodyBytes } from './uploadLimits';

export interface HttpAppOptions {
  apiUrl: string;
  maxUploadBytes: number;
  maxWaitSeconds: number;
}

const rpcError = (code: number, message: string) => ({ jsonrpc: '2.0', error: { code, message }, id: null });

/**
 * The Streamable HTTP endpoint at /mcp, stateless (the SDK's pattern for servers without sessions): each
 * POST gets its own MCP server acting with the caller's own API key, so callers never share rights.
 */
export function createHttpApp(o: HttpAppOptions): Hono {
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.use('/mcp', async (c, next) => {
    if (bearerKey(c.req.header('authorization'))) return next();
    c.header('WWW-Authenticate', 'Bearer realm="fuzzforge-mcp"');
    return c.json(
      rpcError(
        -32001,
        'Send your FuzzForge API key as `Authorization: Bearer <key>`; the tools act with it.',
      ),
      401,
    );
  });

  app.post('/mcp', async (c) => {
    const apiKey = bearerKey(c.req.header('authorization'))!;
    const server = createMcpServer({
      api: new FuzzForgeClient({ baseUrl: o.apiUrl, apiKey }),
      upload: { kind: 'base64', maxBytes: o.maxUploadBytes },
      maxWaitSeconds: o.maxWaitSeconds,
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      maxRequestBodySize: maxRequestBodyBytes(o.maxUploadBytes),
    });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw);
  });

  // Stateless: no server-initiated stream to open (GET) and no session to end (DELETE).
  app.on(['GET', 'DELETE'], '/mcp', (c) =>
    c.json(rpcError(-32000, 'Method not allowed: this server is stateless; POST to /mcp.'), 405, {
      Allow: 'POST',
    }),
  );

  return app;
}
