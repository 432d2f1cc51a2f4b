import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CancelRunRequest, CreateRunRequest, type RunResponse } from '@fuzzforge/contracts';
import { terminalStatuses } from '@fuzzforge/sdk';
import { waitForRunEnd } from '../runWaiter';
import { jsonResult, toolCall } from '../toolResult';
import type { ToolDeps } from '../toolDeps';

const runId = z.string().min(1).describe('The run id, as start_run or get_run returned it.');

/** start_run, get_run, wait_for_run and cancel_run. */
export function registerRunTools(server: McpServer, { api, maxWaitSeconds }: ToolDeps): void {
  server.registerTool(
    'start_run',
    {
      title: 'Start a run',
      description:
        'Starts a workflow on an uploaded target (upload_target gives its id). Returns the queued run; follow it with wait_for_run or get_run.',
      // The API's own request schema, plus the key that makes a repeated call return the same run.
      inputSchema: CreateRunRequest.extend({
        idempotencyKey: z
          .string()
          .min(1)
          .max(255)
          .optional()
          .describe('Calls with the same key start one run only; set it when a call may be repeated.'),
      }),
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    ({ idempotencyKey, ...request }) =>
      toolCall(async () =>
        jsonResult(await api.runs.create(request, idempotencyKey ? { idempotencyKey } : {})),
      ),
  );

  server.registerTool(
    'get_run',
    {
      title: 'Get a run',
      description:
        'Shows a run now: status, progress, timeline, finding counts by severity, fuzzing counters and any error.',
      inputSchema: { runId },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ runId }) => toolCall(async () => jsonResult(await api.runs.get(runId))),
  );

  const defaultWait = Math.min(120, maxWaitSeconds);
  server.registerTool(
    'wait_for_run',
    {
      title: 'Wait for a run',
      description: `Waits until a run has ended (completed, failed or cancelled) and returns it, or returns \`ended: false\` after timeoutSeconds (default ${defaultWait}, at most ${maxWaitSeconds}): then call it again. Sends progress notifications while it waits.`,
      inputSchema: {
        runId,
        timeoutSeconds: z
          .number()
          .int()
          .min(1)
          .max(maxWaitSeconds)
          .default(defaultWait)
          .describe('How long to wait at most.'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ runId, timeoutSeconds }, extra) =>
      toolCall(async () => {
        const progressToken = extra._meta?.progressToken;
        let notified = 0;
        let lastNotifiedAt = 0;
        // On each change, and at least every 10 s so that clients resetting their timeout on progress wait on.
        const onPoll = (run: RunResponse, changed: boolean) => {
          if (progressToken === undefined || (!changed && Date.now() - lastNotifiedAt < 10_000)) return;
          lastNotifiedAt = Date.now();
          const message = run.progress ? `${run.status}: ${run.progress.message}` : run.status;
          void extra
            .sendNotification({
              method: 'notifications/progress',
              params: { progressToken, progress: ++notified, message },
            })
            .catch(() => undefined);
        };
        const run = await waitForRunEnd(api, runId, {
          timeoutMs: timeoutSeconds * 1000,
          intervalMs: 1000,
          signal: extra.signal,
          onPoll,
        });
        return jsonResult({ ended: terminalStatuses.has(run.status), run });
      }),
  );

  server.registerTool(
    'cancel_run',
    {
      title: 'Cancel a run',
      description:
        'Asks a queued or running run to stop; it ends `cancelled` shortly after (wait_for_run shows it). A run that already ended cannot be cancelled.',
      inputSchema: { runId, ...CancelRunRequest.shape },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ runId, reason }) => toolCall(async () => jsonResult(await api.runs.cancel(runId, reason))),
  );
}
