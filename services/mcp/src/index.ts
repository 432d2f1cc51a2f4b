export { createMcpServer, serverInfo } from './server';
export { createHttpApp, type HttpAppOptions } from './httpApp';
export { McpEnv, parseMcpEnv } from './env';
export type { ToolDeps, UploadMode } from './toolDeps';
