import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Finding } from '@fuzzforge/contracts';
import { cweOfEslintRule, findingsFromEslint, severityOfEslintRule } from './eslintReport';

// Real eslint 10.15.0 + eslint-plugin-security 4.1.0 output on a copy of tests/fixtures/js-vuln in
// /tmp/ff-record/js-vuln (see __recorded__/README.md).
const recorded = readFileSync(new URL('./__recorded__/eslint-js-vuln.json', import.meta.url), 'utf8');
const root = '/tmp/ff-record/js-vuln';
const parse = (report = recorded, roots = ['/elsewhere', root]) =>
  findingsFromEslint(report, { toolVersion: '10.15.0', roots });

describe('findingsFromEslint on recorded output', () => {
  const findings = parse();

  it('normalises every message into a valid finding with rule, relative file and line', () => {
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.severity])).toEqual([
      ['eslint.security/detect-eval-with-expression', 'server.js', 9, 'high'],
      ['eslint.security/detect-child-process', 'server.js', 13, 'high'],
      ['eslint.security/detect-non-literal-fs-filename', 'server.js', 17, 'medium'],
      ['eslint.security/detect-unsafe-regex', 'server.js', 20, 'medium'],
    ]);
  });

  it('carries the CWE of the rule and the flagged line as snippet', () => {
    expect(findings[0]).toMatchObject({
      tool: { name: 'eslint', version: '10.15.0' },
      cwe: ['CWE-95'],
      location: { snippet: '  res.send(String(eval(req.query.code)));', startColumn: 19, endColumn: 39 },
    });
  });

  it('keeps fingerprints when lines are added above the findings', () => {
    const shifted = recorded
      .replace(/"(line|endLine)":(\d+)/g, (_, key: string, n: string) => `"${key}":${Number(n) + 2}`)
      .replace('"source":"', '"source":"// added\\n// lines\\n');
    const moved = parse(shifted);
    expect(moved.map((f) => f.location.startLine)).toEqual([11, 15, 19, 22]);
    expect(moved.map((f) => f.fingerprint)).toEqual(findings.map((f) => f.fingerprint));
  });

  it('changes the fingerprint when the flagged code changes', () => {
    const edited = parse(recorded.replace('eval(req.query.code)', 'eval(req.query.expr)'));
    expect(edited[0]?.fingerprint).not.toBe(findings[0]?.fingerprint);
    expect(edited[1]?.fingerprint).toBe(findings[1]?.fingerprint);
  });

  it('skips parse errors, which carry no rule', () => {
    const report = JSON.stringify([
      { filePath: `${root}/broken.js`, messages: [{ ruleId: null, message: 'Parsing error', line: 1 }] },
    ]);
    expect(parse(report)).toEqual([]);
  });

  it('refuses a path outside the workspace', () => {
    expect(() => parse(recorded, ['/somewhere/else'])).toThrow(/outside the workspace/);
  });
});

describe('eslint rule table', () => {
  it('ranks code execution above noisy heuristics', () => {
    expect(severityOfEslintRule('security/detect-child-process')).toBe('high');
    expect(severityOfEslintRule('security/detect-object-injection')).toBe('low');
    expect(severityOfEslintRule('no-unused-vars')).toBe('low');
    expect(cweOfEslintRule('security/detect-non-literal-fs-filename')).toEqual(['CWE-22']);
    expect(cweOfEslintRule('security/detect-new-buffer')).toEqual([]);
  });
});
