import { describe, expect, inject, it } from 'vitest';
import { completedRun, findingsOf, requestRun, uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');

describe('concurrent runs on one target', () => {
  it('all complete, each with the same findings', async () => {
    const target = await uploadFixture(api, 'leaky-app');
    const runIds = await Promise.all(
      Array.from({ length: 4 }, () => requestRun(api, target.id, 'secret-scan')),
    );
    const runs = await Promise.all(runIds.map((id) => completedRun(api, id)));
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    const findingSets = await Promise.all(
      runIds.map(async (id) =>
        (await findingsOf(api, id))
          .map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)
          .sort(),
      ),
    );
    expect(findingSets[0]!.length).toBeGreaterThan(0);
    for (const set of findingSets) expect(set).toEqual(findingSets[0]);
  });
});
