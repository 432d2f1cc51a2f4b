import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Finding } from '@fuzzforge/contracts';
import { findingsFromBandit, severityOfBandit } from './banditReport';

// Real bandit 1.9.4 output on tests/fixtures/python-vuln (see __recorded__/README.md).
const recorded = readFileSync(new URL('./__recorded__/bandit-python-vuln.json', import.meta.url), 'utf8');
const parse = (report = recorded) => findingsFromBandit(report, { toolVersion: '1.9.4' });

describe('findingsFromBandit on recorded output', () => {
  const findings = parse();

  it('normalises every issue into a valid finding with rule, file, line and CWE', () => {
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.cwe])).toEqual([
      ['bandit.B404', 'app.py', 1, ['CWE-78']],
      ['bandit.B105', 'app.py', 8, ['CWE-259']],
      ['bandit.B602', 'app.py', 15, ['CWE-78']],
      ['bandit.B307', 'app.py', 21, ['CWE-78']],
      ['bandit.B506', 'app.py', 26, ['CWE-20']],
      ['bandit.B105', 'app.py', 30, ['CWE-259']],
    ]);
  });

  it('keeps the flagged line as the snippet, without bandit line numbers, and 1-based columns', () => {
    expect(findings.find((f) => f.ruleId === 'bandit.B602')).toMatchObject({
      tool: { name: 'bandit', version: '1.9.4' },
      ruleName: 'subprocess_popen_with_shell_equals_true',
      severity: 'high',
      location: {
        snippet: '    return str(subprocess.call(cmd, shell=True))',
        startColumn: 16,
        endColumn: 48,
      },
    });
  });

  it('keeps fingerprints when every line moves down, and tells two passwords apart', () => {
    const shifted = recorded
      .replace(/"line_number": (\d+)/g, (_, n: string) => `"line_number": ${Number(n) + 5}`)
      .replace(/"line_range": \[\n\s+(\d+)/g, (m, n: string) => m.replace(n, String(Number(n) + 5)))
      .replace(/(\\n|")(\d+) /g, (_, lead: string, n: string) => `${lead}${Number(n) + 5} `);
    const moved = parse(shifted);
    expect(moved.map((f) => f.location.startLine)).toEqual([6, 13, 20, 26, 31, 35]);
    expect(moved.map((f) => f.fingerprint)).toEqual(findings.map((f) => f.fingerprint));
    const passwords = findings.filter((f) => f.ruleId === 'bandit.B105');
    expect(passwords[0]?.fingerprint).not.toBe(passwords[1]?.fingerprint);
  });

  it('rejects a report that is not bandit JSON', () => {
    expect(() => parse('{"results": [{"nope": 1}]}')).toThrow();
  });
});

describe('severityOfBandit', () => {
  it('follows bandit severity, one step lower when bandit is unsure', () => {
    expect(severityOfBandit('HIGH', 'HIGH')).toBe('high');
    expect(severityOfBandit('HIGH', 'LOW')).toBe('medium');
    expect(severityOfBandit('MEDIUM', 'MEDIUM')).toBe('medium');
    expect(severityOfBandit('MEDIUM', 'LOW')).toBe('low');
    expect(severityOfBandit('LOW', 'HIGH')).toBe('low');
    expect(severityOfBandit('LOW', 'LOW')).toBe('info');
    expect(severityOfBandit('UNDEFINED', 'HIGH')).toBe('info');
  });
});
