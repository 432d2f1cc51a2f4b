import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { FindingsResponse, RunResponse } from '@fuzzforge/contracts';
import { sarifValidator } from '../support/sarif';
import { completedRun, findingsOf, requestRun, sarifOf, uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');

describe('python-sast, end to end (bandit + semgrep on tests/fixtures/python-vuln)', () => {
  let runId: string;
  let run: RunResponse;
  let findings: FindingsResponse['findings'];

  beforeAll(async () => {
    const target = await uploadFixture(api, 'python-vuln');
    runId = await requestRun(api, target.id, 'python-sast');
    run = await completedRun(api, runId);
    findings = await findingsOf(api, runId);
  });

  const at = (ruleId: string, line: number) =>
    findings.find(
      (f) => f.ruleId === ruleId && f.location.path === 'app.py' && f.location.startLine === line,
    );

  it('completes with both tools reporting', () => {
    expect(run.timeline.map((t) => t.status)).toEqual(['queued', 'running', 'completed']);
    expect(run.reportKey).toBe(`results/${runId}/report.sarif`);
    expect(new Set(findings.map((f) => f.tool.name))).toEqual(new Set(['bandit', 'semgrep']));
    expect(run.findingCounts.high).toBeGreaterThanOrEqual(3);
  });

  it('finds the shell command built from user input, with both tools, at app.py:15', () => {
    expect(at('bandit.B602', 15)).toMatchObject({
      tool: { name: 'bandit', version: '1.9.4' },
      severity: 'high',
      cwe: ['CWE-78'],
      location: { snippet: '    return str(subprocess.call(cmd, shell=True))' },
    });
    expect(at('semgrep.python-subprocess-shell-true', 15)).toMatchObject({
      tool: { name: 'semgrep', version: '1.185.0' },
      severity: 'high',
      cwe: ['CWE-78'],
    });
  });

  it('finds the hard-coded passwords, eval of input and unsafe yaml.load at their lines', () => {
    expect(at('bandit.B105', 8)).toMatchObject({ cwe: ['CWE-259'] });
    expect(at('bandit.B105', 30)).toBeDefined();
    expect(at('semgrep.python-hardcoded-password', 8)).toMatchObject({ cwe: ['CWE-798'] });
    expect(at('semgrep.python-eval-exec-of-input', 21)).toMatchObject({ severity: 'high', cwe: ['CWE-95'] });
    expect(at('bandit.B307', 21)).toBeDefined();
    expect(at('semgrep.python-yaml-load-unsafe', 26)).toMatchObject({ cwe: ['CWE-502'] });
    expect(at('bandit.B506', 26)).toBeDefined();
  });

  it('exports SARIF that validates, with one run per tool and the finding at its file and line', async () => {
    const sarif = await sarifOf(api, runId);
    const validate = await sarifValidator();
    const check = validate(sarif);
    expect(check.valid, check.errors).toBe(true);
    expect(validate({ ...sarif, version: '2.0.0' }).valid, 'the validator must be able to reject').toBe(
      false,
    );
    expect(sarif.runs.map((r) => r.tool.driver.name).sort()).toEqual(['bandit', 'semgrep']);
    const result = sarif.runs.flatMap((r) => r.results).find((r) => r.ruleId === 'bandit.B602');
    expect(result?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'app.py' },
      region: { startLine: 15 },
    });
  });

  it('gives the same fingerprints when the same target is scanned again', async () => {
    const rerun = await requestRun(api, run.target!, 'python-sast');
    await completedRun(api, rerun);
    const again = await findingsOf(api, rerun);
    expect(again.map((f) => f.fingerprint).sort()).toEqual(findings.map((f) => f.fingerprint).sort());
  });
});
