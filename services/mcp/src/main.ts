import { serve } from '@hono/node-server';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { FuzzForgeClient } from '@fuzzforge/sdk';
import { parseArgs, usage } from './cliArgs';
import { parseMcpEnv } from './env';
import { createHttpApp } from './httpApp';
import { createMcpServer } from './server';

// stdout carries the protocol over stdio: everything for humans goes to stderr.
const say = (text: string) => process.stderr.write(`${text}\n`);

/** The composition root: parse the command line and env, serve until stdin closes or SIGTERM. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let command;
  let config;
  try {
    command = parseArgs(argv);
    config = parseMcpEnv(env);
  } catch (err) {
    say(`ff-mcp: ${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
    return 2;
  }
  if (command.kind === 'help') {
    say(usage);
    return 0;
  }

  if (command.kind === 'stdio') {
    if (!config.FF_API_KEY) {
      say('ff-mcp: set FF_API_KEY to the FuzzForge API key the tools act with (see ff admin keys create).');
      return 2;
    }
    const server = createMcpServer({
      api: new FuzzForgeClient({ baseUrl: config.FF_API_URL, apiKey: config.FF_API_KEY }),
      upload: { kind: 'path', cwd: process.cwd() },
      maxWaitSeconds: config.FF_MCP_MAX_WAIT_SECONDS,
    });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
    process.stdin.on('end', () => void server.close());
    process.once('SIGTERM', () => void server.close());
    await server.connect(transport);
    await closed;
    return 0;
  }

  const app = createHttpApp({
    apiUrl: config.FF_API_URL,
    maxUploadBytes: config.FF_MCP_MAX_UPLOAD_BYTES,
    maxWaitSeconds: config.FF_MCP_MAX_WAIT_SECONDS,
  });
  const host = command.host ?? config.FF_MCP_HOST;
  const http = serve({ fetch: app.fetch, hostname: host, port: command.port ?? config.FF_MCP_PORT });
  await new Promise<void>((resolve) => http.once('listening', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : command.port;
  // One parseable line, so a supervisor (or a test) can find a port chosen with --port 0.
  say(`ff-mcp listening on http://${host}:${port}/mcp (API ${config.FF_API_URL})`);
  await new Promise<void>((resolve) => {
    const stop = () => http.close(() => resolve());
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}
