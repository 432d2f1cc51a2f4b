import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ProjectName } from '@fuzzforge/contracts';
import { jsonResult, toolCall } from '../toolResult';
import type { ToolDeps } from '../toolDeps';
import { contentBase64Field } from '../uploadLimits';

const project = ProjectName.optional().describe(
  "The project to file the target under (default: the key's first project, else `default`).",
);
const after = 'Returns the target; pass its `id` as `target` to start_run.';

/** upload_target: a local file or directory over stdio, base64 content over HTTP (never a server path). */
export function registerUploadTool(server: McpServer, { api, upload }: ToolDeps): void {
  if (upload.kind === 'path') {
    server.registerTool(
      'upload_target',
      {
        title: 'Upload a target',
        description: `Uploads a local file or directory to FuzzForge. A directory is packed as tar.gz, honouring .gitignore and skipping .git and node_modules. ${after}`,
        inputSchema: {
          path: z
            .string()
            .min(1)
            .describe('A file or directory on this machine; relative paths are from the server’s directory.'),
          filename: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe('The name to store (default: from the path).'),
          project,
        },
        annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
      },
      (input) =>
        toolCall(async () => {
          const resolved = path.resolve(upload.cwd, input.path);
          const found = await stat(resolved).catch(() => undefined);
          if (!found?.isFile() && !found?.isDirectory())
            throw new Error(
              `path: no file or directory at ${resolved}. Pass a path that exists on the machine ff-mcp runs on (absolute, or relative to ${upload.cwd}).`,
            );
          const target = await api.targets.upload(resolved, {
            ...(input.filename ? { filename: input.filename } : {}),
            ...(input.project ? { project: input.project } : {}),
          });
          return jsonResult(target);
        }),
    );
    return;
  }

  server.registerTool(
    'upload_target',
    {
      title: 'Upload a target',
      description: `Uploads a target sent as base64 (at most ${upload.maxBytes} bytes decoded): a source archive (.tar.gz, .tgz, .zip) or a single file. ${after}`,
      inputSchema: {
        contentBase64: contentBase64Field(upload.maxBytes).describe(
          'The target’s bytes, base64-encoded: e.g. a .tar.gz of a source tree.',
        ),
        filename: z
          .string()
          .min(1)
          .max(255)
          .describe('The target’s name with its extension (e.g. app.tar.gz): it tells archives from files.'),
        project,
      },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    (input) =>
      toolCall(async () => {
        const bytes = Buffer.from(input.contentBase64, 'base64');
        const target = await api.targets.upload(bytes, {
          filename: input.filename,
          ...(input.project ? { project: input.project } : {}),
        });
        return jsonResult(target);
      }),
  );
}
