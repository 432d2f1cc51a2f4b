import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Finding } from '@fuzzforge/contracts';
import { findingsFromDetectSecrets, severityOfType } from './detectSecretsReport';
import { mergeSecretFindings } from './secretsMerge';

const recorded = () =>
  readFile(new URL('./__recorded__/detect-secrets-leaky-app.json', import.meta.url), 'utf8');

describe('findingsFromDetectSecrets (recorded detect-secrets 1.5.0 output on tests/fixtures/leaky-app)', () => {
  it('gives one finding per file and secret, named after the most specific detector', async () => {
    const findings = findingsFromDetectSecrets(await recorded(), '1.5.0');
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
    expect(findings.map((f) => [f.location.path, f.location.startLine, f.ruleId]).sort()).toEqual([
      ['config/aws.ini', 3, 'detect-secrets.aws-access-key'],
      ['config/aws.ini', 4, 'detect-secrets.aws-access-key'],
      ['src/notify.js', 2, 'detect-secrets.github-token'],
    ]);
  });

  it('keeps fingerprints when the secret moves to another line', async () => {
    const report = await recorded();
    const shifted = report.replace('"line_number": 3', '"line_number": 30');
    const fingerprints = (json: string) =>
      findingsFromDetectSecrets(json, '1.5.0')
        .map((f) => f.fingerprint)
        .sort();
    expect(fingerprints(shifted)).toEqual(fingerprints(report));
  });

  it('ranks specific detectors above heuristics', () => {
    expect(severityOfType('AWS Access Key')).toBe('critical');
    expect(severityOfType('Base64 High Entropy String')).toBe('medium');
    expect(severityOfType('Basic Auth Credentials')).toBe('high');
  });
});

describe('mergeSecretFindings', () => {
  const gitleaks = (path: string, line: number): Finding => ({
    fingerprint: `gitleaks-${path}-${line}`,
    tool: { name: 'gitleaks' },
    ruleId: 'aws-access-token',
    severity: 'critical',
    message: 'm',
    location: { path, startLine: line },
    cwe: ['CWE-798'],
    artifacts: [],
  });

  it('keeps one finding per flagged line, adding what only detect-secrets saw', async () => {
    const detected = findingsFromDetectSecrets(await recorded(), '1.5.0');
    const merged = mergeSecretFindings([
      [gitleaks('config/aws.ini', 3), gitleaks('src/notify.js', 2)],
      detected,
    ]);
    expect(merged.map((f) => [f.tool.name, f.location.path, f.location.startLine])).toEqual([
      ['gitleaks', 'config/aws.ini', 3],
      ['detect-secrets', 'config/aws.ini', 4],
      ['gitleaks', 'src/notify.js', 2],
    ]);
  });
});
