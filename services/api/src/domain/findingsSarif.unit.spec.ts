import { describe, expect, it } from 'vitest';
import type { ProjectFinding, RunFinding } from '@fuzzforge/contracts';
import { sarifValidator } from '../../../../tests/support/sarif';
import { plainFinding } from './findingsOfRun';
import { sarifWithLifecycle } from './findingsSarif';

const base = {
  tool: { name: 'gitleaks' },
  ruleId: 'aws-access-token',
  severity: 'critical' as const,
  message: 'AWS key',
  cwe: ['CWE-798'],
  artifacts: [],
};

const runFinding = (fingerprint: string, extra: Partial<RunFinding>): RunFinding => ({
  ...base,
  fingerprint,
  location: { path: `config/${fingerprint}.ini`, startLine: 3 },
  id: `run-2:${fingerprint}`,
  findingId: `fnd_${fingerprint}`,
  lifecycle: 'recurring',
  status: 'open',
  suppressed: false,
  ...extra,
});

const fixed: ProjectFinding = {
  ...base,
  fingerprint: 'gone00000001',
  location: { path: 'src/gone.js', startLine: 9 },
  id: 'fnd_gone',
  project: 'p',
  status: 'open',
  suppressed: false,
  firstSeen: { run: 'run-1', at: '2026-01-01T00:00:00.000Z' },
  lastSeen: { run: 'run-1', at: '2026-01-01T00:00:00.000Z' },
  occurrences: 1,
};

describe('sarifWithLifecycle', () => {
  const log = sarifWithLifecycle(
    [
      runFinding('new000000001', { lifecycle: 'new' }),
      runFinding('old000000001', {}),
      runFinding('fp0000000001', { status: 'false_positive', suppressed: true }),
    ],
    [fixed],
    plainFinding,
    ['gitleaks'],
    'fuzzforge/secret-scan/run-2',
  );
  const results = log.runs.flatMap((r) => r.results);
  const byPrint = (fp: string) => results.find((r) => r.partialFingerprints['fuzzforge/v1'] === fp)!;

  it('says new, unchanged and absent (fixed) per result, and suppresses triaged ones', () => {
    expect(byPrint('new000000001').baselineState).toBe('new');
    expect(byPrint('old000000001').baselineState).toBe('unchanged');
    expect(byPrint('old000000001').suppressions).toBeUndefined();
    expect(byPrint('fp0000000001').suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'triaged false_positive' },
    ]);
    expect(byPrint('gone00000001')).toMatchObject({ baselineState: 'absent', kind: 'pass', level: 'none' });
    expect(results).toHaveLength(4);
  });

  it('is valid SARIF 2.1.0', async () => {
    const check = await sarifValidator();
    const { valid, errors } = check(log);
    expect(valid, errors).toBe(true);
  });
});
