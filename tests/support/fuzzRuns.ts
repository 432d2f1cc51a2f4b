import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { FindingsResponse, RunCrashesResponse, RunResponse } from '@fuzzforge/contracts';
import { json } from './http';
import { completedRun, findingsOf, requestRun, uploadFixture } from './scanRuns';

/** What one fuzzing campaign left behind, as a client reads it through the API. */
export interface CampaignResult {
  runId: string;
  run: RunResponse;
  findings: FindingsResponse['findings'];
  crashes: RunCrashesResponse['crashes'];
}

/** A short campaign as the e2e tests run it: stop at the first crash, at most 60 s of fuzzing. */
export const shortCampaign = { durationSeconds: 60, stopAfterCrashes: 1 };

/** Uploads a fixture, fuzzes it with `engine` in `project` and waits for the run to complete. */
export async function fuzzFixture(
  api: string,
  fixture: string,
  engine: string,
  project: string,
  parameters: Record<string, unknown> = shortCampaign,
): Promise<CampaignResult> {
  const target = await uploadFixture(api, fixture);
  const runId = await requestRun(api, target.id, engine, parameters, project);
  const run = await completedRun(api, runId, 300_000);
  const findings = await findingsOf(api, runId);
  const crashes = (await json<RunCrashesResponse>(await fetch(`${api}/v1/runs/${runId}/crashes`))).crashes;
  return { runId, run, findings, crashes };
}

/** Downloads a crash's reproducer and checks it is the stored input, byte for byte. */
export async function downloadReproducer(api: string, crash: RunCrashesResponse['crashes'][number]) {
  const res = await fetch(`${api}${crash.inputUrl}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/octet-stream');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.length).toBe(crash.inputSize);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(crash.inputSha256);
  return bytes;
}

/** A project name no other test (or earlier test run on the same stack) uses. */
export const uniqueProject = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
