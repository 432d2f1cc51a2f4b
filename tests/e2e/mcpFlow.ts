import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expect } from 'vitest';
import type {
  FindingListResponse,
  ProjectFindingResponse,
  RunResponse,
  TargetResponse,
} from '@fuzzforge/contracts';

/** Every tool the FuzzForge MCP server offers, over either transport. */
export const toolNames = [
  'cancel_run',
  'describe_workflow',
  'get_run',
  'get_sarif',
  'list_findings',
  'list_workflows',
  'start_run',
  'triage_finding',
  'upload_target',
  'wait_for_run',
];

export interface ToolAnswer<T> {
  isError: boolean;
  text: string;
  data: T;
}

/** Calls a tool through the official client and returns its text and structured content. */
export async function callTool<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  options: { timeoutMs?: number; onProgress?: (message: string | undefined) => void } = {},
): Promise<ToolAnswer<T>> {
  const result = await client.callTool({ name, arguments: args }, undefined, {
    timeout: options.timeoutMs ?? 60_000,
    ...(options.onProgress
      ? { onprogress: (p) => options.onProgress?.(p.message), resetTimeoutOnProgress: true }
      : {}),
  });
  const content = result.content as { type: string; text?: string }[];
  const text = content.map((c) => c.text ?? '').join('\n');
  return { isError: result.isError === true, text, data: result.structuredContent as T };
}

/**
 * The whole journey an agent makes, from an uploaded target to a triaged finding: start a secret scan,
 * wait for it, find the planted AWS key, export SARIF and triage the finding in `project`.
 */
export async function scanAndTriage(
  client: Client,
  target: TargetResponse,
  project: string,
  triageStatus: 'false_positive' | 'accepted_risk',
): Promise<void> {
  const started = await callTool<{ id: string; status: string }>(client, 'start_run', {
    target: target.id,
    workflow: 'secret-scan',
    project,
  });
  expect(started.isError, started.text).toBe(false);
  expect(started.data.status).toBe('queued');
  const runId = started.data.id;

  // Bounded: a wait shorter than the run answers with the run as it is, for the agent to wait again.
  const early = await callTool<{ ended: boolean; run: RunResponse }>(client, 'wait_for_run', {
    runId,
    timeoutSeconds: 1,
  });
  expect(early.isError, early.text).toBe(false);
  expect(early.data.ended).toBe(false);
  expect(['queued', 'running']).toContain(early.data.run.status);

  const progress: (string | undefined)[] = [];
  const waited = await callTool<{ ended: boolean; run: RunResponse }>(
    client,
    'wait_for_run',
    { runId, timeoutSeconds: 240 },
    { timeoutMs: 270_000, onProgress: (m) => progress.push(m) },
  );
  expect(waited.isError, waited.text).toBe(false);
  expect(waited.data.ended).toBe(true);
  expect(waited.data.run).toMatchObject({ id: runId, status: 'completed', project });
  expect(progress.length, 'wait_for_run reports progress while it waits').toBeGreaterThan(0);

  const fetched = await callTool<RunResponse>(client, 'get_run', { runId });
  expect(fetched.data.findingCounts.critical).toBeGreaterThanOrEqual(2);

  const listed = await callTool<FindingListResponse>(client, 'list_findings', { run: runId });
  expect(listed.isError, listed.text).toBe(false);
  const aws = listed.data.findings.find((f) => f.ruleId === 'aws-access-token');
  expect(aws).toMatchObject({
    severity: 'critical',
    project,
    location: { path: 'config/aws.ini', startLine: 3 },
  });
  // The text content carries the same JSON for clients that ignore structured content.
  expect(JSON.parse(listed.text)).toEqual(listed.data);

  const sarif = await callTool<{ version: string; runs: { results: { ruleId: string }[] }[] }>(
    client,
    'get_sarif',
    { runId },
  );
  expect(sarif.data.version).toBe('2.1.0');
  expect(sarif.data.runs.flatMap((r) => r.results).some((r) => r.ruleId === 'aws-access-token')).toBe(true);

  const triaged = await callTool<ProjectFindingResponse>(client, 'triage_finding', {
    findingId: aws!.id,
    status: triageStatus,
    comment: 'test key, rotated',
  });
  expect(triaged.isError, triaged.text).toBe(false);
  expect(triaged.data).toMatchObject({ id: aws!.id, status: triageStatus, suppressed: true });
  expect(triaged.data.history.at(-1)).toMatchObject({ kind: 'triage', status: triageStatus });

  const late = await callTool(client, 'cancel_run', { runId });
  expect(late.isError).toBe(true);
  expect(late.text).toContain('run-finished');
  expect(late.text).toContain('Next:');
}

/** Bad tool input is a tool error naming the field, checked with the API's own schemas. */
export async function expectInputErrors(client: Client): Promise<void> {
  const noWorkflow = await callTool(client, 'start_run', { target: 'abc' });
  expect(noWorkflow.isError).toBe(true);
  expect(noWorkflow.text).toMatch(/workflow/);

  const badStatus = await callTool(client, 'triage_finding', { findingId: 'x', status: 'ignored' });
  expect(badStatus.isError).toBe(true);
  expect(badStatus.text).toMatch(/status/);

  const badProject = await callTool(client, 'start_run', {
    target: 'abc',
    workflow: 'secret-scan',
    project: 'Has Spaces',
  });
  expect(badProject.isError).toBe(true);
  expect(badProject.text).toMatch(/project/);

  const missing = await callTool(client, 'get_run', { runId: 'no-such-run' });
  expect(missing.isError).toBe(true);
  expect(missing.text).toMatch(/404/);
  expect(missing.text).toContain('Next:');
}
