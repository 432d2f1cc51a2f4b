import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'c-vuln');

describe('native-sast, end to end (cppcheck + flawfinder on tests/fixtures/c-vuln)', () => {
  let runId: string;
  let run: RunResponse;
  let findings: FindingsResponse['findings'];
  const scratch: string[] = [];

  beforeAll(async () => {
    const target = await uploadFixture(api, 'c-vuln');
    runId = await requestRun(api, target.id, 'native-sast');
    run = await completedRun(api, runId);
    findings = await findingsOf(api, runId);
  });
  afterAll(async () => {
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  const at = (ruleId: string, file: string, line: number) =>
    findings.find((f) => f.ruleId === ruleId && f.location.path === file && f.location.startLine === line);

  it('completes with both tools reporting', () => {
    expect(run.timeline.map((t) => t.status)).toEqual(['queued', 'running', 'completed']);
    expect(run.reportKey).toBe(`results/${runId}/report.sarif`);
    expect(new Set(findings.map((f) => f.tool.name))).toEqual(new Set(['cppcheck', 'flawfinder']));
  });

  it('finds the strcpy of argv into a fixed buffer at src/copy.c:11 (flawfinder)', () => {
    expect(at('flawfinder.buffer/strcpy', 'src/copy.c', 11)).toMatchObject({
      tool: { name: 'flawfinder' },
      severity: 'high',
      cwe: ['CWE-120'],
      location: { startColumn: 5, snippet: '    strcpy(name, argv[1]);' },
    });
  });

  it('finds the out-of-bounds write and the leak in src/scores.c (cppcheck)', () => {
    expect(at('cppcheck.arrayIndexOutOfBounds', 'src/scores.c', 7)).toMatchObject({
      tool: { name: 'cppcheck' },
      severity: 'high',
      cwe: ['CWE-788'],
    });
    expect(at('cppcheck.memleak', 'src/scores.c', 19)).toMatchObject({ severity: 'high', cwe: ['CWE-401'] });
  });

  it('scans a source file that is not valid UTF-8 (flawfinder would abort on it unaided)', () => {
    expect(at('flawfinder.buffer/gets', 'src/legacy.c', 7)).toMatchObject({
      severity: 'critical',
      cwe: ['CWE-120', 'CWE-20'],
    });
    expect(at('cppcheck.getsCalled', 'src/legacy.c', 7)).toMatchObject({ cwe: ['CWE-477'] });
  });

  it('exports SARIF that validates, with one run per tool and the findings at their file and line', async () => {
    const sarif = await sarifOf(api, runId);
    const validate = await sarifValidator();
    const check = validate(sarif);
    expect(check.valid, check.errors).toBe(true);
    expect(validate({ ...sarif, version: '2.0.0' }).valid, 'the validator must be able to reject').toBe(
      false,
    );
    expect(sarif.runs.map((r) => r.tool.driver.name).sort()).toEqual(['cppcheck', 'flawfinder']);
    const result = sarif.runs.flatMap((r) => r.results).find((r) => r.ruleId === 'flawfinder.buffer/strcpy');
    expect(result?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'src/copy.c' },
      region: { startLine: 11 },
    });
  });

  it('keeps every fingerprint when a new version of the code inserts lines above the flaws', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ff-c-vuln-'));
    scratch.push(dir);
    await cp(fixture, dir, { recursive: true });
    for (const file of ['src/copy.c', 'src/scores.c']) {
      const source = await readFile(path.join(dir, file), 'utf8');
      await writeFile(
        path.join(dir, file),
        `/* Licence header\n * added in a later release.\n */\n${source}`,
      );
    }
    const res = await fetch(`${api}/v1/targets?filename=c-vuln-v2.tar.gz`, {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: await tarGzOf(dir),
    });
    const target = await json<TargetResponse>(res);
    const rerun = await requestRun(api, target.id, 'native-sast');
    await completedRun(api, rerun);
    const shifted = await findingsOf(api, rerun);
    const strcpy = shifted.find((f) => f.ruleId === 'flawfinder.buffer/strcpy');
    expect(strcpy?.location.startLine).toBe(14);
    expect(shifted.map((f) => f.fingerprint).sort()).toEqual(findings.map((f) => f.fingerprint).sort());
  });
});
