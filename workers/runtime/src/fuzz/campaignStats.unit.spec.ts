import { describe, expect, it } from 'vitest';
import { CampaignStats } from './campaignStats';

describe('CampaignStats', () => {
  it('adds executions across sessions and keeps the best coverage', () => {
    const stats = new CampaignStats('default', 'libfuzzer', 'fuzz/parse', 'features');
    stats.update({ executions: 1000, coverage: 40, corpusSize: 5, execsPerSecond: 500 });
    stats.update({ executions: 3000 });
    expect(stats.executions).toBe(3000);
    stats.endSession({ executions: 3500, coverage: 42 });
    stats.update({ executions: 200, coverage: 30 });
    const s = stats.snapshot(1, 12.34, 'running');
    expect(s).toMatchObject({ executions: 3700, coverage: 42, corpusSize: 5, execsPerSecond: 500 });
    expect(s.elapsedSeconds).toBe(12.3);
  });

  it('resumes from what an earlier attempt recorded', () => {
    const stats = new CampaignStats('default', 'afl', 'h', 'edges', { executions: 10_000, crashes: 2 });
    stats.update({ executions: 5 });
    expect(stats.snapshot(1, 1, 'running')).toMatchObject({ executions: 10_005, crashes: 2 });
  });
});
