import { describe, expect, it } from 'vitest';
import type { Finding } from '@fuzzforge/contracts';
import { sarifFromFindings } from '@fuzzforge/platform';
import { mergedReport } from './mergedReport';

const finding = (
  fingerprint: string,
  tool: string,
  path: string,
  severity: Finding['severity'],
): Finding => ({
  fingerprint: fingerprint.repeat(16),
  tool: { name: tool, version: '1' },
  ruleId: `${tool}.rule`,
  severity,
  message: `${tool} says no`,
  location: { path, startLine: 3 },
  cwe: [],
  artifacts: [],
});

const secrets = sarifFromFindings([finding('a', 'gitleaks', 'config/aws.ini', 'critical')], ['gitleaks']);
const python = sarifFromFindings(
  [finding('b', 'bandit', 'api/ping.py', 'high'), finding('c', 'semgrep', 'api/ping.py', 'high')],
  ['bandit', 'semgrep'],
);
const javascript = sarifFromFindings(
  [finding('d', 'eslint', 'web/calc.js', 'high'), finding('e', 'semgrep', 'web/calc.js', 'medium')],
  ['eslint', 'semgrep'],
);
const go = sarifFromFindings([], ['gosec']);

describe('mergedReport', () => {
  it('has one run per tool, in the order the children name them, semgrep once for both verticals', () => {
    const merged = mergedReport([secrets, python, javascript, go], 'fuzzforge/security-assessment/R');
    expect(merged.sarif.runs.map((r) => r.tool.driver.name)).toEqual([
      'gitleaks',
      'bandit',
      'semgrep',
      'eslint',
      'gosec',
    ]);
    const semgrep = merged.sarif.runs.find((r) => r.tool.driver.name === 'semgrep');
    expect(semgrep?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri).sort()).toEqual(
      ['api/ping.py', 'web/calc.js'],
    );
    expect(
      merged.sarif.runs.every((r) => r.automationDetails?.id === 'fuzzforge/security-assessment/R'),
    ).toBe(true);
  });

  it('sums the children: counts by severity and the finding count', () => {
    const merged = mergedReport([secrets, python, javascript, go], 'x');
    expect(merged.findingCount).toBe(5);
    expect(merged.countsBySeverity).toEqual({ critical: 1, high: 3, medium: 1, low: 0, info: 0 });
  });

  it('counts a finding two children report (same fingerprint) once', () => {
    const again = sarifFromFindings([finding('c', 'semgrep', 'api/ping.py', 'high')], ['semgrep']);
    const merged = mergedReport([python, again], 'x');
    expect(merged.findingCount).toBe(2);
    expect(merged.findings.map((f) => f.fingerprint)).toEqual(['b'.repeat(16), 'c'.repeat(16)]);
    expect(merged.countsBySeverity.high).toBe(2);
  });

  it('gives an empty report, still valid in shape, when no child found anything', () => {
    const merged = mergedReport([go], 'x');
    expect(merged).toMatchObject({ findingCount: 0, sarif: { version: '2.1.0', runs: [{ results: [] }] } });
  });
});
