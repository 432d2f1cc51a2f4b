import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Finding } from '@fuzzforge/contracts';
import { workspaceSourceLines } from '@fuzzforge/worker-runtime';
import { findingsFromGosec, lineOfExcerpt, severityOfGosec } from './gosecReport';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.resolve(here, '../../../tests/fixtures/go-vuln');
const recorded = (name: string): string => readFileSync(path.join(here, '__recorded__', name), 'utf8');
const options = {
  toolVersion: '2.30.0',
  roots: ['/tmp/ff-record/go-vuln'],
  sourceLineOf: workspaceSourceLines(fixture),
};

describe('findingsFromGosec on recorded gosec 2.30.0 output', () => {
  const findings = findingsFromGosec(recorded('gosec-go-vuln.json'), options);

  it('normalises every issue into a valid finding with a relative path, in file and line order', () => {
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.startLine])).toEqual([
      ['gosec.G501', 'main.go', 4],
      ['gosec.G401', 'main.go', 11],
      ['gosec.G306', 'main.go', 14],
      ['gosec.G202', 'store/users.go', 9],
    ]);
  });

  it('carries CWE, severity, rule description and the flagged line', () => {
    expect(findings[3]).toMatchObject({
      tool: { name: 'gosec', version: '2.30.0' },
      ruleName: 'SQL string concatenation',
      severity: 'medium',
      message: 'SQL string concatenation (confidence high)',
      location: {
        startColumn: 24,
        endLine: 9,
        snippet: `\trows, err := db.Query("SELECT email FROM users WHERE name = '" + name + "'")`,
      },
      cwe: ['CWE-89'],
    });
    expect(findings.map((f) => f.cwe[0])).toEqual(['CWE-327', 'CWE-328', 'CWE-276', 'CWE-89']);
  });

  it('keeps fingerprints across a line shift (the missing-dependency recording moved the query 4 lines down)', () => {
    const moved = findingsFromGosec(recorded('gosec-missing-dependency.json'), {
      ...options,
      roots: ['/tmp/ff-record/go-dep'],
    });
    const g202 = moved.find((f) => f.ruleId === 'gosec.G202');
    expect(g202?.location).toMatchObject({ path: 'store/users.go', startLine: 13 });
    expect(g202?.fingerprint).toBe(findings[3]?.fingerprint);
    expect(moved.map((f) => f.fingerprint).sort()).toEqual(findings.map((f) => f.fingerprint).sort());
  });
});

describe('findingsFromGosec', () => {
  const issue = (overrides: Record<string, unknown> = {}) => ({
    severity: 'HIGH',
    confidence: 'MEDIUM',
    cwe: { id: '78' },
    rule_id: 'G204',
    details: 'Subprocess launched with variable',
    file: '/ws/cmd/run.go',
    code: '7: \tcmd := exec.Command(name)\n',
    line: '7',
    column: '9',
    nosec: false,
    ...overrides,
  });
  const parse = (issues: unknown[], roots = ['/ws', '/real/ws']) =>
    findingsFromGosec(JSON.stringify({ Issues: issues, Stats: {} }), {
      toolVersion: 'x',
      roots,
      sourceLineOf: () => undefined,
    });

  it('strips either name of the workspace and reads a line range', () => {
    const [f] = parse([issue({ file: '/real/ws/cmd/run.go', line: '7-9' })]);
    expect(f?.location).toMatchObject({ path: 'cmd/run.go', startLine: 7, endLine: 9 });
  });

  it('tells identical flagged lines of one file apart', () => {
    const [a, b] = parse([issue(), issue({ line: '12', code: '12: \tcmd := exec.Command(name)\n' })]);
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it('leaves out #nosec issues and reads a report without issues', () => {
    expect(parse([issue({ nosec: true })])).toEqual([]);
    expect(findingsFromGosec('{"Golang errors":{},"Issues":null}', options)).toEqual([]);
  });

  it('refuses a path outside the workspace and a report that is not gosec JSON', () => {
    expect(() => parse([issue({ file: '/elsewhere/x.go' })])).toThrow(/outside the workspace/);
    expect(() => parse([{ rule_id: 'G1' }])).toThrow();
  });
});

describe('severityOfGosec', () => {
  it("follows gosec's severity, one step lower when its confidence is low", () => {
    expect(severityOfGosec('HIGH', 'HIGH')).toBe('high');
    expect(severityOfGosec('MEDIUM', 'MEDIUM')).toBe('medium');
    expect(severityOfGosec('LOW', 'HIGH')).toBe('low');
    expect(severityOfGosec('HIGH', 'LOW')).toBe('medium');
    expect(severityOfGosec('LOW', 'LOW')).toBe('info');
  });
});

describe('lineOfExcerpt', () => {
  it('finds a numbered line, not a line whose number merely starts the same', () => {
    expect(lineOfExcerpt('1: a\n11: b\n', 1)).toBe('a');
    expect(lineOfExcerpt('10: a\n11: b\n', 1)).toBeUndefined();
  });
});
