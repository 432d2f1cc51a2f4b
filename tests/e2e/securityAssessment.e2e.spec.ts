import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FindingsResponse, RunResponse } from '@fuzzforge/contracts';
import { useClients } from '../support/clients';
import { sarifValidator } from '../support/sarif';
import {
  completedRun,
  findingsOf,
  requestRun,
  sarifOf,
  uploadFixture,
  type SarifDocument,
} from '../support/scanRuns';

const api = inject('apiUrl');
const env = inject('serviceEnv');
const clientsOf = useClients(env);

type Findings = FindingsResponse['findings'];

/** Each vertical an assessment of mixed-app runs, with the workflow that runs it alone. */
const singles = [
  ['secrets', 'secret-scan'],
  ['python', 'python-sast'],
  ['javascript', 'javascript-sast'],
  ['native', 'native-sast'],
  ['go', 'go-sast'],
] as const;

/** The planted flaws of tests/fixtures/mixed-app, at least one per vertical and tool. */
const planted = [
  ['gitleaks', 'aws-access-token', 'config/aws.ini', 3],
  ['bandit', 'bandit.B602', 'api/ping.py', 12],
  ['semgrep', 'semgrep.python-subprocess-shell-true', 'api/ping.py', 12],
  ['eslint', 'eslint.security/detect-eval-with-expression', 'web/calc.js', 7],
  ['semgrep', 'semgrep.js-eval-of-expression', 'web/calc.js', 7],
  ['flawfinder', 'flawfinder.buffer/strcpy', 'native/greet.c', 20],
  ['cppcheck', 'cppcheck.arrayIndexOutOfBounds', 'native/greet.c', 8],
  ['gosec', 'gosec.G202', 'store/users.go', 9],
] as const;

const where = (f: Findings[number]) => `${f.ruleId} ${f.location.path}:${f.location.startLine ?? 0}`;

describe('security-assessment, end to end (every vertical on tests/fixtures/mixed-app, in parallel)', () => {
  let targetId: string;
  let runId: string;
  let run: RunResponse;
  let findings: Findings;
  let temporal: Client;
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: env['TEMPORAL_ADDRESS']! });
    temporal = new Client({ connection });
    targetId = (await uploadFixture(api, 'mixed-app')).id;
    runId = await requestRun(api, targetId, 'security-assessment');
    run = await completedRun(api, runId, 480_000);
    findings = await findingsOf(api, runId);
  });
  afterAll(async () => {
    await connection?.close();
  });

  const readS3 = async (key: string): Promise<unknown> => {
    const { s3, bucket } = clientsOf();
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(await object.Body!.transformToString()) as unknown;
  };

  it('completes as one run: started and completed once, progress from every child in its own scope', async () => {
    expect(run.workflow).toBe('security-assessment');
    expect(run.timeline.map((t) => t.status)).toEqual(['queued', 'running', 'completed']);
    expect(run.reportKey).toBe(`results/${runId}/report.sarif`);
    const counted = Object.values(run.findingCounts).reduce((a, b) => a + b, 0);
    expect(counted).toBe(findings.length);

    const events = await clientsOf()
      .db.selectFrom('run_events')
      .select(['event_id', 'type', 'data'])
      .where('run_id', '=', runId)
      .execute();
    const ofType = (type: string) => events.filter((e) => e.type === type).map((e) => e.event_id);
    const dataOf = (type: string) => events.find((e) => e.type === type)?.data;
    expect(ofType('ff.run.started')).toEqual([`${runId}.started`]);
    expect(ofType('ff.run.completed')).toEqual([`${runId}.completed`]);
    // The parent's, not a child's (which would carry its own workflow and report under the same id).
    expect(dataOf('ff.run.started')).toMatchObject({ workflow: 'security-assessment' });
    expect(dataOf('ff.run.completed')).toMatchObject({ reportKey: `results/${runId}/report.sarif` });
    expect([...ofType('ff.run.failed'), ...ofType('ff.run.cancelled')]).toEqual([]);
    const progress = ofType('ff.run.progress');
    expect(progress).toContain(`${runId}.progress.1`);
    for (const [vertical] of singles) expect(progress).toContain(`${runId}.progress.${vertical}.1`);
  });

  it('runs one child workflow per vertical as <runId>:<vertical> on the vertical task queue', async () => {
    for (const [vertical] of singles) {
      const child = await temporal.workflow.getHandle(`${runId}:${vertical}`).describe();
      expect(child.status.name).toBe('COMPLETED');
      expect(child.taskQueue).toBe(`ff-${vertical}`);
      expect(child.parentExecution?.workflowId).toBe(runId);
    }
  });

  it.each(planted)('finds %s %s at %s:%i', (tool, ruleId, path, line) => {
    const found = findings.find(
      (f) => f.ruleId === ruleId && f.location.path === path && f.location.startLine === line,
    );
    expect(found, `${ruleId} at ${path}:${line} in ${findings.map(where).join(', ')}`).toBeDefined();
    expect(found?.tool.name).toBe(tool);
  });

  it('merges the children SARIF reports into one valid report, a run per tool, each finding once', async () => {
    const validate = await sarifValidator();
    const merged = (await readS3(`results/${runId}/report.sarif`)) as SarifDocument;
    const check = validate(merged);
    expect(check.valid, check.errors).toBe(true);
    expect(validate({ ...merged, version: '2.0.0' }).valid, 'the validator must be able to reject').toBe(
      false,
    );
    const tools = merged.runs.map((r) => r.tool.driver.name);
    expect(new Set(tools).size).toBe(tools.length);
    expect(tools).toEqual(
      expect.arrayContaining(['gitleaks', 'bandit', 'semgrep', 'eslint', 'cppcheck', 'flawfinder', 'gosec']),
    );
    const fingerprints = (log: SarifDocument) =>
      log.runs.flatMap((r) => r.results.map((x) => x.partialFingerprints['fuzzforge/v1']!));
    expect(fingerprints(merged).sort()).toEqual(findings.map((f) => f.fingerprint).sort());

    // Each child kept its own report beside the merged one; together they hold the same findings.
    const perChild: string[] = [];
    for (const [vertical] of singles) {
      const child = (await readS3(`results/${runId}/${vertical}.sarif`)) as SarifDocument;
      expect(validate(child).valid).toBe(true);
      perChild.push(...fingerprints(child));
    }
    expect([...new Set(perChild)].sort()).toEqual(fingerprints(merged).sort());

    const exported = await sarifOf(api, runId);
    const exportCheck = validate(exported);
    expect(exportCheck.valid, exportCheck.errors).toBe(true);
  });

  it('finds exactly the union of what the single-vertical workflows find on the same target', async () => {
    const runs = await Promise.all(singles.map(([, workflow]) => requestRun(api, targetId, workflow)));
    const union: Findings = [];
    for (const single of runs) {
      await completedRun(api, single, 480_000);
      union.push(...(await findingsOf(api, single)));
    }
    const sorted = (list: Findings) => [...new Set(list.map(where))].sort();
    expect(sorted(findings)).toEqual(sorted(union));
    expect(findings.map((f) => f.fingerprint).sort()).toEqual(
      [...new Set(union.map((f) => f.fingerprint))].sort(),
    );
  }, 600_000);
});
