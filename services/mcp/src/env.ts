import { z } from 'zod';

const MiB = 1024 * 1024;
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

/** Configuration of the MCP server process, parsed once from the environment in main.ts. */
export const McpEnv = z.object({
  /** The FuzzForge API every tool call goes to. */
  FF_API_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8000'),
  /**
   * The API key the server acts with over stdio (required there). Over HTTP it is unused: each MCP
   * client sends its own key as `Authorization: Bearer`, so no caller borrows the server's rights.
   */
  FF_API_KEY: optionalText,
  /** Where the HTTP transport listens; loopback by default so a dev machine exposes nothing. */
  FF_MCP_HOST: z.string().default('127.0.0.1'),
  /** The HTTP transport's port (`--port` wins); 0 picks a free one. */
  FF_MCP_PORT: z.coerce.number().int().min(0).max(65535).default(8765),
  /**
   * Largest target accepted as base64 over HTTP, decoded; the request body is bounded to match, so a
   * client cannot make the server buffer more. Bigger targets go through the CLI or the REST API.
   */
  FF_MCP_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * MiB),
  /** Longest a single wait_for_run call blocks; an agent calls again for a longer run. */
  FF_MCP_MAX_WAIT_SECONDS: z.coerce.number().int().positive().default(600),
});
export type McpEnv = z.infer<typeof McpEnv>;

export const parseMcpEnv = (env: NodeJS.ProcessEnv): McpEnv => McpEnv.parse(env);
