import type { RunRequestedData, RunRequestedV1 } from '@fuzzforge/contracts';

/** A valid run.requested event, with `data` fields overridden as a test needs. */
export function runRequested(runId: string, data: Partial<RunRequestedData> = {}): RunRequestedV1 {
  const now = new Date().toISOString();
  return {
    specversion: '1.0',
    id: `${runId}.requested`,
    type: 'ff.run.requested',
    source: 'test',
    time: now,
    subject: `ff.runs.requested.${runId}`,
    datacontenttype: 'application/json',
    version: 'v1',
    data: {
      runId,
      targetId: 'a'.repeat(64),
      targetSha256: 'a'.repeat(64),
      workflow: 'secret-scan',
      vertical: 'secrets',
      parameters: {},
      requestedAt: now,
      ...data,
    },
  };
}
