import { describe, expect, it } from 'vitest';
import type { Finding } from '@fuzzforge/contracts';
import { findingsFromSarif } from './findingsFromSarif';
import { sarifFromFindings } from './sarifFromFindings';

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  fingerprint: 'f'.repeat(32),
  tool: { name: 'bandit', version: '1.9.4' },
  ruleId: 'bandit.B602',
  ruleName: 'subprocess_popen_with_shell_equals_true',
  severity: 'high',
  message: 'subprocess call with shell=True identified',
  location: {
    path: 'api/ping.py',
    startLine: 15,
    endLine: 15,
    startColumn: 12,
    endColumn: 40,
    snippet: '    return subprocess.call(cmd, shell=True)',
  },
  cwe: ['CWE-78'],
  artifacts: [],
  ...overrides,
});

describe('findingsFromSarif', () => {
  it('gives back exactly the findings sarifFromFindings exported, and its tools in order', () => {
    const findings = [
      finding(),
      finding({
        fingerprint: 'a'.repeat(32),
        tool: { name: 'semgrep', version: '1.185.0' },
        ruleId: 'semgrep.python-subprocess-shell-true',
        ruleName: undefined,
        severity: 'medium',
        location: { path: 'src/my file #1.py' },
        cwe: [],
      }),
      finding({ fingerprint: 'b'.repeat(32), location: { path: 'api/other.py', startLine: 3 } }),
    ].map(({ ruleName, ...f }) => (ruleName ? { ...f, ruleName } : f));
    const sarif = sarifFromFindings(findings, ['bandit', 'semgrep', 'gitleaks'], 'fuzzforge/x/1');
    const back = findingsFromSarif(JSON.parse(JSON.stringify(sarif)));
    expect(back.tools).toEqual(['bandit', 'semgrep', 'gitleaks']);
    // Results come back grouped by tool, as the log holds them.
    expect(back.findings).toEqual([findings[0], findings[2], findings[1]]);
  });

  it('survives a second round trip unchanged (so merged reports can be merged again)', () => {
    const once = findingsFromSarif(sarifFromFindings([finding()]));
    const twice = findingsFromSarif(sarifFromFindings(once.findings, once.tools));
    expect(twice).toEqual(once);
  });

  it('rejects a log without our fingerprints', () => {
    const sarif = sarifFromFindings([finding()]) as unknown as {
      runs: { results: { partialFingerprints: unknown }[] }[];
    };
    sarif.runs[0]!.results[0]!.partialFingerprints = {};
    expect(() => findingsFromSarif(sarif)).toThrow();
  });

  it('rejects what is not SARIF 2.1.0', () => {
    expect(() => findingsFromSarif({ version: '2.0.0', runs: [] })).toThrow();
    expect(() => findingsFromSarif('nope')).toThrow();
  });
});
