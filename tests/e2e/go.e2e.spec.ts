import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FindingsResponse, RunResponse, TargetResponse } from '@fuzzforge/contracts';
import { tarGzOf } from '../support/archive';
import { json } from '../support/http';
import { sarifValidator } from '../support/sarif';
import { completedRun, findingsOf, requestRun, sarifOf, uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');
const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'go-vuln');

describe('go-sast, end to end (gosec on tests/fixtures/go-vuln, offline)', () => {
  let runId: string;
  let run: RunResponse;
  let findings: FindingsResponse['findings'];
  const scratch: string[] = [];

  beforeAll(async () => {
    const target = await uploadFixture(api, 'go-vuln');
    runId = await requestRun(api, target.id, 'go-sast');
    run = await completedRun(api, runId);
    findings = await findingsOf(api, runId);
  });
  afterAll(async () => {
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  const at = (list: FindingsResponse['findings'], ruleId: string, file: string, line: number) =>
    list.find((f) => f.ruleId === ruleId && f.location.path === file && f.location.startLine === line);

  it('completes with gosec reporting', () => {
    expect(run.timeline.map((t) => t.status)).toEqual(['queued', 'running', 'completed']);
    expect(run.reportKey).toBe(`results/${runId}/report.sarif`);
    expect(new Set(findings.map((f) => f.tool.name))).toEqual(new Set(['gosec']));
  });

  it('finds the SQL query built by string concatenation at store/users.go:9', () => {
    expect(at(findings, 'gosec.G202', 'store/users.go', 9)).toMatchObject({
      tool: { name: 'gosec', version: '2.30.0' },
      severity: 'medium',
      cwe: ['CWE-89'],
      location: { startColumn: 24 },
    });
  });

  it('finds MD5 and the world-writable file in main.go', () => {
    expect(at(findings, 'gosec.G401', 'main.go', 11)).toMatchObject({ cwe: ['CWE-328'] });
    expect(at(findings, 'gosec.G501', 'main.go', 4)).toMatchObject({ cwe: ['CWE-327'] });
    expect(at(findings, 'gosec.G306', 'main.go', 14)).toMatchObject({ cwe: ['CWE-276'] });
  });

  it('exports SARIF that validates, with the query at its file and line', async () => {
    const sarif = await sarifOf(api, runId);
    const validate = await sarifValidator();
    const check = validate(sarif);
    expect(check.valid, check.errors).toBe(true);
    expect(validate({ ...sarif, version: '2.0.0' }).valid, 'the validator must be able to reject').toBe(
      false,
    );
    expect(sarif.runs.map((r) => r.tool.driver.name)).toEqual(['gosec']);
    const result = sarif.runs.flatMap((r) => r.results).find((r) => r.ruleId === 'gosec.G202');
    expect(result?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'store/users.go' },
      region: { startLine: 9 },
    });
  });

  it('scans Go code without a go.mod too, with the same fingerprints', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ff-go-vuln-'));
    scratch.push(dir);
    await cp(fixture, dir, { recursive: true, filter: (src) => path.basename(src) !== 'go.mod' });
    const res = await fetch(`${api}/v1/targets?filename=go-vuln-no-mod.tar.gz`, {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: await tarGzOf(dir),
    });
    const target = await json<TargetResponse>(res);
    const rerun = await requestRun(api, target.id, 'go-sast');
    await completedRun(api, rerun);
    const without = await findingsOf(api, rerun);
    expect(at(without, 'gosec.G202', 'store/users.go', 9)).toBeDefined();
    expect(without.map((f) => f.fingerprint).sort()).toEqual(findings.map((f) => f.fingerprint).sort());
  });
});
