import { describe, expect, it } from 'vitest';
import type { RunRequestedV1 } from '@fuzzforge/contracts';
import { workflowCatalog } from '@fuzzforge/catalog';
import { toWorkflowStart } from './workflowStart';

const request = (workflow: string): RunRequestedV1 => ({
  specversion: '1.0',
  id: 'RUN1.requested',
  type: 'ff.run.requested',
  source: 'test',
  time: '2026-01-01T00:00:00.000Z',
  subject: 'ff.runs.requested.RUN1',
  datacontenttype: 'application/json',
  version: 'v1',
  data: {
    runId: 'RUN1',
    targetId: 'a'.repeat(64),
    targetSha256: 'a'.repeat(64),
    workflow,
    vertical: 'secrets',
    parameters: { redact: true },
    requestedAt: '2026-01-01T00:00:00.000Z',
  },
});

describe('toWorkflowStart', () => {
  it('starts the catalog workflow on its vertical task queue with the run id as workflow id', () => {
    const decision = toWorkflowStart(request('secret-scan'), workflowCatalog);
    expect(decision).toMatchObject({
      ok: true,
      start: {
        workflowType: 'secretScan',
        workflowId: 'RUN1',
        taskQueue: 'ff-secrets',
        input: { runId: 'RUN1', cacheMode: 'isolated', parameters: { redact: true }, project: 'default' },
      },
    });
  });

  it("carries the run's project to the workflow", () => {
    const event = request('secret-scan');
    const decision = toWorkflowStart({ ...event, data: { ...event.data, project: 'acme' } }, workflowCatalog);
    expect(decision).toMatchObject({ ok: true, start: { input: { project: 'acme' } } });
  });

  it('refuses a workflow the catalog does not know', () => {
    expect(toWorkflowStart(request('nope'), workflowCatalog)).toEqual({
      ok: false,
      reason: 'workflow nope is not in the catalog',
    });
  });
});
