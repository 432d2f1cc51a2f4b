import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { FindingsResponse, RunResponse } from '@fuzzforge/contracts';
import { sarifValidator } from '../support/sarif';
import { completedRun, findingsOf, requestRun, sarifOf, uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');

describe('javascript-sast, end to end (eslint-plugin-security + semgrep on tests/fixtures/js-vuln)', () => {
  let runId: string;
  let run: RunResponse;
  let findings: FindingsResponse['findings'];

  beforeAll(async () => {
    const target = await uploadFixture(api, 'js-vuln');
    runId = await requestRun(api, target.id, 'javascript-sast');
    run = await completedRun(api, runId);
    findings = await findingsOf(api, runId);
  });

  const at = (ruleId: string, line: number) =>
    findings.find(
      (f) => f.ruleId === ruleId && f.location.path === 'server.js' && f.location.startLine === line,
    );

  it('completes with both tools reporting', () => {
    expect(run.timeline.map((t) => t.status)).toEqual(['queued', 'running', 'completed']);
    expect(new Set(findings.map((f) => f.tool.name))).toEqual(new Set(['eslint', 'semgrep']));
  });

  it('finds eval of the query string, with both tools, at server.js:9', () => {
    expect(at('eslint.security/detect-eval-with-expression', 9)).toMatchObject({
      tool: { name: 'eslint', version: '10.15.0' },
      severity: 'high',
      cwe: ['CWE-95'],
      location: { snippet: '  res.send(String(eval(req.query.code)));' },
    });
    expect(at('semgrep.js-eval-of-expression', 9)).toMatchObject({
      tool: { name: 'semgrep' },
      severity: 'high',
      cwe: ['CWE-95'],
    });
  });

  it('finds the shell command, the user-chosen file path, the unsafe regex and the password', () => {
    expect(at('eslint.security/detect-child-process', 13)).toMatchObject({ cwe: ['CWE-78'] });
    expect(at('semgrep.js-child-process-shell-injection', 13)).toBeDefined();
    expect(at('eslint.security/detect-non-literal-fs-filename', 17)).toMatchObject({ cwe: ['CWE-22'] });
    expect(at('eslint.security/detect-unsafe-regex', 20)).toMatchObject({ severity: 'medium' });
    expect(at('semgrep.js-hardcoded-password', 6)).toMatchObject({ cwe: ['CWE-798'] });
  });

  it('exports SARIF that validates, with one run per tool and the finding at its file and line', async () => {
    const sarif = await sarifOf(api, runId);
    const validate = await sarifValidator();
    const check = validate(sarif);
    expect(check.valid, check.errors).toBe(true);
    expect(sarif.runs.map((r) => r.tool.driver.name).sort()).toEqual(['eslint', 'semgrep']);
    const result = sarif.runs
      .flatMap((r) => r.results)
      .find((r) => r.ruleId === 'eslint.security/detect-eval-with-expression');
    expect(result?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'server.js' },
      region: { startLine: 9 },
    });
  });
});
