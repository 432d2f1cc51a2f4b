import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerFindingTools } from './tools/findingTools';
import { registerRunTools } from './tools/runTools';
import { registerUploadTool } from './tools/uploadTool';
import { registerWorkflowTools } from './tools/workflowTools';
import type { ToolDeps } from './toolDeps';

export const serverInfo = { name: 'fuzzforge', version: '0.1.0' };

/** An MCP server with every FuzzForge tool, acting through `deps.api` (and so with its key). */
export function createMcpServer(deps: ToolDeps): McpServer {
  const server = new McpServer(serverInfo, {
    instructions:
      'FuzzForge runs security workflows (secret scanning, SAST, fuzzing) on uploaded targets. Typical flow: upload_target → start_run (workflow from list_workflows) → wait_for_run → list_findings with run → triage_finding, or get_sarif.',
  });
  registerWorkflowTools(server, deps);
  registerUploadTool(server, deps);
  registerRunTools(server, deps);
  registerFindingTools(server, deps);
  return server;
}
