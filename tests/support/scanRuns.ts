import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { FindingsResponse, RunResponse, TargetResponse } from '@fuzzforge/contracts';
import { tarGzOf } from './archive';
import { eventually, json } from './http';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Uploads `tests/fixtures/<name>` as a .tar.gz through the API. */
export async function uploadFixture(api: string, name: string): Promise<TargetResponse> {
  const archive = await tarGzOf(path.join(fixtures, name));
  const res = await fetch(`${api}/v1/targets?filename=${name}.tar.gz`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip' },
    body: archive,
  });
  expect(res.status).toBe(201);
  return json<TargetResponse>(res);
}

/** Requests a run through the API and returns its id. */
export async function requestRun(
  api: string,
  target: string,
  workflow: string,
  parameters: Record<string, unknown> = {},
  project?: string,
): Promise<string> {
  const res = await fetch(`${api}/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target, workflow, parameters, ...(project ? { project } : {}) }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return (await json<{ id: string }>(res)).id;
}

/** Polls the run until it completed; a failed run fails the test with its reason. */
export function completedRun(api: string, runId: string, timeoutMs = 240_000): Promise<RunResponse> {
  return eventually(
    async () => {
      const run = await json<RunResponse>(await fetch(`${api}/v1/runs/${runId}`));
      if (run.status === 'failed') expect.fail(`run failed: ${JSON.stringify(run.error)}`);
      return run.status === 'completed' ? run : undefined;
    },
    timeoutMs,
    `run ${runId} to complete`,
  );
}

export async function findingsOf(api: string, runId: string): Promise<FindingsResponse['findings']> {
  return (await json<FindingsResponse>(await fetch(`${api}/v1/runs/${runId}/findings`))).findings;
}

/** The run's findings as SARIF, as a client downloads them. */
export async function sarifOf(api: string, runId: string): Promise<SarifDocument> {
  const res = await fetch(`${api}/v1/runs/${runId}/findings?format=sarif`);
  expect(res.headers.get('content-type')).toContain('application/sarif+json');
  return json<SarifDocument>(res);
}

/** The parts of a SARIF log the tests look at. */
export interface SarifDocument {
  version: string;
  runs: {
    tool: { driver: { name: string } };
    results: {
      ruleId: string;
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
      }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}
