import { z } from 'zod';

/** How ff-mcp was asked to run. */
export type McpCommand =
  { kind: 'help' } | { kind: 'stdio' } | { kind: 'http'; port: number | undefined; host: string | undefined };

export const usage = `ff-mcp — the FuzzForge MCP server

  ff-mcp [--stdio]                       serve one MCP client on stdin/stdout (default)
  ff-mcp --http [--port N] [--host H]    serve Streamable HTTP at http://H:N/mcp

Environment:
  FF_API_URL               the FuzzForge API (default http://127.0.0.1:8000)
  FF_API_KEY               the API key the tools act with over stdio (required there); over HTTP each
                           client sends its own as Authorization: Bearer <key>
  FF_MCP_HOST, FF_MCP_PORT where --http listens (default 127.0.0.1:8765)
  FF_MCP_MAX_UPLOAD_BYTES  largest base64 upload over HTTP, decoded (default 16 MiB)
  FF_MCP_MAX_WAIT_SECONDS  longest one wait_for_run call (default 600)`;

const port = z.coerce.number().int().min(0).max(65535);

/** Parses the command line; throws an Error with a usage hint on anything unknown. */
export function parseArgs(argv: readonly string[]): McpCommand {
  let mode: 'stdio' | 'http' | undefined;
  let chosenPort: number | undefined;
  let host: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value.`);
      return v;
    };
    if (name === '--help' || name === '-h') return { kind: 'help' };
    else if (name === '--stdio' || name === '--http') {
      const next = name === '--stdio' ? 'stdio' : 'http';
      if (mode && mode !== next) throw new Error('Choose one of --stdio and --http.');
      mode = next;
    } else if (name === '--port') {
      const parsed = port.safeParse(value());
      if (!parsed.success) throw new Error('--port takes a port number (0–65535).');
      chosenPort = parsed.data;
    } else if (name === '--host') host = value();
    else throw new Error(`Unknown argument ${name}.`);
  }
  if (mode !== 'http' && (chosenPort !== undefined || host !== undefined))
    throw new Error('--port and --host go with --http.');
  return mode === 'http' ? { kind: 'http', port: chosenPort, host } : { kind: 'stdio' };
}
