import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult, toolCall } from '../toolResult';
import type { ToolDeps } from '../toolDeps';

/** list_workflows and describe_workflow: what the platform can run, and with which parameters. */
export function registerWorkflowTools(server: McpServer, { api }: ToolDeps): void {
  server.registerTool(
    'list_workflows',
    {
      title: 'List workflows',
      description:
        'Lists the workflows FuzzForge can run (secret-scan, security-assessment, fuzzing…) with a summary of each. Use describe_workflow for one workflow’s parameters.',
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => toolCall(async () => jsonResult({ workflows: await api.workflows.list() })),
  );

  server.registerTool(
    'describe_workflow',
    {
      title: 'Describe a workflow',
      description:
        'Shows one workflow: what it does, the target it expects and its parameters (names, types, defaults) for start_run.',
      inputSchema: { name: z.string().min(1).describe('The workflow name, as list_workflows shows it.') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ name }) => toolCall(async () => jsonResult(await api.workflows.get(name))),
  );
}
