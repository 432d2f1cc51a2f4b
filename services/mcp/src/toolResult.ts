import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FuzzForgeApiError, FuzzForgeConnectionError } from '@fuzzforge/sdk';

/** A tool's answer: the value as JSON text for any client, and as structured content for those that read it. */
export function jsonResult(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
}

/** What a caller should do about an API error, by its status (and code where one says more). */
export function nextStep(status: number, code: string | undefined): string {
  if (status === 401)
    return 'Check the API key: FF_API_KEY for ff-mcp over stdio, the Authorization: Bearer key over HTTP.';
  if (status === 403)
    return 'This API key may not do that (scope or project): use a key that may, or ask an admin.';
  if (status === 404)
    return 'Check the id or name: list_workflows, list_findings and get_run show the ones that exist.';
  if (status === 409)
    return code === 'run-finished'
      ? 'The run has already ended: nothing to cancel; read its findings instead.'
      : 'The request conflicts with the current state: read it again (get_run) and retry if still needed.';
  if (status === 413) return 'The content is too large: send a smaller target.';
  if (status === 400 || status === 422) return 'Fix the fields named above and call the tool again.';
  if (status === 429) return 'Too many requests for this key: wait a moment and call the tool again.';
  if (status >= 500) return 'The FuzzForge API failed: try again shortly; if it persists, check its logs.';
  return 'Check the request and try again.';
}

/**
 * An error as a tool error (`isError: true`): the API's problem detail, its field errors and what to do
 * next, so an agent can correct itself. Errors that are neither API nor connection errors are bugs or
 * bad input of the tool itself and keep their message.
 */
export function errorResult(err: unknown): CallToolResult {
  let text: string;
  let error: Record<string, unknown>;
  if (err instanceof FuzzForgeApiError) {
    const { status, problem } = err;
    const fields = (problem.errors ?? []).map((e) => `  ${e.path || '/'}: ${e.message}`);
    const lines = [
      `FuzzForge API error ${status}${problem.code ? ` (${problem.code})` : ''}: ${problem.detail ?? problem.title ?? 'no detail'}`,
      ...(fields.length ? ['Fields:', ...fields] : []),
      `Next: ${nextStep(status, problem.code)}`,
    ];
    if (err.retryAfterSeconds !== undefined) lines.push(`Retry after ${err.retryAfterSeconds} s.`);
    text = lines.join('\n');
    error = {
      status,
      code: problem.code ?? null,
      detail: problem.detail ?? null,
      errors: problem.errors ?? [],
    };
  } else if (err instanceof FuzzForgeConnectionError) {
    text = `${err.message}\nNext: check that the FuzzForge API is running (npm start) and that FF_API_URL points at it.`;
    error = { code: 'api-unreachable', detail: err.message };
  } else {
    const message = err instanceof Error ? err.message : String(err);
    text = message;
    error = { code: 'tool-failed', detail: message };
  }
  return { content: [{ type: 'text', text }], structuredContent: { error }, isError: true };
}

/** Runs a tool body, turning whatever it throws into a tool error. */
export async function toolCall(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (err) {
    return errorResult(err);
  }
}
