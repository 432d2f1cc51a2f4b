import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  FindingListResponse,
  FindingsResponse,
  Problem,
  ProjectFindingResponse,
  RunResponse,
  SeverityCounts,
  TargetResponse,
} from '@fuzzforge/contracts';
import { tarGzOf } from '../support/archive';
import { uniqueProject } from '../support/fuzzRuns';
import { eventually, json } from '../support/http';
import { sarifValidator } from '../support/sarif';
import { completedRun, requestRun } from '../support/scanRuns';

const api = inject('apiUrl');
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A fake GitHub token in a file the original fixture does not have: a finding only target B has. */
const deployJs = `// Deploys the app.\nconst DEPLOY_TOKEN = 'ghp_Zq7Lm2Xw9Rt4Yp1Ks8Vb3Nc6Hd5Jf0Ga2Ue7';\nexport const token = () => DEPLOY_TOKEN;\n`;

async function uploadDir(dir: string, filename: string): Promise<TargetResponse> {
  const res = await fetch(`${api}/v1/targets?filename=${filename}`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip' },
    body: await tarGzOf(dir),
  });
  expect(res.status).toBe(201);
  return json<TargetResponse>(res);
}

const runFindings = async (runId: string): Promise<FindingsResponse> =>
  json<FindingsResponse>(await fetch(`${api}/v1/runs/${runId}/findings`));

const finding = async (id: string): Promise<ProjectFindingResponse> => {
  const res = await fetch(`${api}/v1/findings/${id}`);
  expect(res.status).toBe(200);
  return json<ProjectFindingResponse>(res);
};

const list = async (query: string): Promise<FindingListResponse['findings']> => {
  const res = await fetch(`${api}/v1/findings?limit=500&${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json<FindingListResponse>(res)).findings;
};

const patch = (id: string, body: string) =>
  fetch(`${api}/v1/findings/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body,
  });

const minus = (a: SeverityCounts, severity: keyof SeverityCounts): SeverityCounts => ({
  ...a,
  [severity]: a[severity] - 1,
});

const ids = (findings: { findingId?: string | null; id: string }[]) =>
  findings.map((f) => f.findingId ?? f.id).sort();

describe('finding lifecycle and triage, per project', () => {
  const project = uniqueProject('lifecycle');
  let changedDir: string;
  let original: TargetResponse;
  let changed: TargetResponse;
  const runs: string[] = [];
  const report: FindingsResponse[] = [];

  beforeAll(async () => {
    // Target B: leaky-app with the GitHub token of src/notify.js removed and a new one in src/deploy.js.
    changedDir = await mkdtemp(path.join(tmpdir(), 'ff-lifecycle-'));
    await cp(path.join(fixtures, 'leaky-app'), changedDir, { recursive: true });
    await rm(path.join(changedDir, 'src', 'notify.js'));
    await writeFile(path.join(changedDir, 'src', 'deploy.js'), deployJs);
    original = await uploadDir(path.join(fixtures, 'leaky-app'), 'leaky-app.tar.gz');
    changed = await uploadDir(changedDir, 'leaky-app-changed.tar.gz');
  });

  afterAll(async () => {
    if (changedDir) await rm(changedDir, { recursive: true, force: true });
  });

  /** Runs the secret scan on `target` in the test's project and reads its findings. */
  const scan = async (target: TargetResponse): Promise<FindingsResponse> => {
    const runId = await requestRun(api, target.id, 'secret-scan', {}, project);
    await completedRun(api, runId);
    runs.push(runId);
    const body = await runFindings(runId);
    report.push(body);
    return body;
  };

  it('marks every finding of the first run new, and of a second run of the same code recurring', async () => {
    const first = await scan(original);
    expect(first.findings.length).toBeGreaterThanOrEqual(3);
    expect(first.findings.every((f) => f.lifecycle === 'new' && f.findingId && f.status === 'open')).toBe(
      true,
    );
    expect(first).toMatchObject({ baselineRun: null, fixed: [] });

    const second = await scan(original);
    expect(second.findings.every((f) => f.lifecycle === 'recurring')).toBe(true);
    expect(ids(second.findings)).toEqual(ids(first.findings));
    expect(second).toMatchObject({ baselineRun: runs[0], fixed: [] });

    const one = await finding(first.findings[0]!.findingId!);
    expect(one).toMatchObject({
      project,
      fingerprint: first.findings[0]!.fingerprint,
      occurrences: 2,
      firstSeen: { run: runs[0] },
      lastSeen: { run: runs[1] },
      status: 'open',
      suppressed: false,
      history: [],
    });
    // Deduplicated: the project lists each finding once, however many runs reported it.
    expect(ids(await list(`project=${project}`))).toEqual(ids(first.findings));
  });

  it('answers bad triage requests with problems and changes nothing', async () => {
    const id = report[0]!.findings[0]!.findingId!;
    const cases: [string, string, number, string, string?][] = [
      ['fnd_000000000000000000000000', '{"status":"fixed"}', 404, 'finding-not-found'],
      [id, '{"status":', 400, 'invalid-json'],
      [id, '{"status":"wontfix"}', 400, 'validation-failed', '/status'],
      [
        id,
        JSON.stringify({ status: 'fixed', comment: 'x'.repeat(2001) }),
        400,
        'validation-failed',
        '/comment',
      ],
      [id, JSON.stringify({ comment: 'no status' }), 400, 'validation-failed', '/status'],
      [id, JSON.stringify({ status: 'fixed', triagedBy: 'someone-else' }), 400, 'validation-failed'],
    ];
    for (const [target, body, status, code, field] of cases) {
      const res = await patch(target, body);
      expect(res.status, body).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await json<Problem>(res);
      expect(problem.code).toBe(code);
      if (field) expect(problem.errors?.map((e) => e.path)).toContain(field);
    }
    const unknown = await fetch(`${api}/v1/findings/fnd_000000000000000000000000`);
    expect(unknown.status).toBe(404);
    expect(await json<Problem>(unknown)).toMatchObject({ code: 'finding-not-found' });
    expect((await finding(id)).history).toEqual([]);
  });

  it('keeps a finding triaged false_positive suppressed in later runs and out of gating', async () => {
    const aws = report[1]!.findings.find((f) => f.location.path === 'config/aws.ini')!;
    const res = await patch(
      aws.findingId!,
      JSON.stringify({ status: 'false_positive', comment: 'test key' }),
    );
    expect(res.status).toBe(200);
    // Read-your-writes: the answer already carries the decision, before the projector applied it.
    const triaged = await json<ProjectFindingResponse>(res);
    expect(triaged).toMatchObject({ id: aws.findingId, status: 'false_positive', suppressed: true });
    expect(triaged.history).toEqual([
      expect.objectContaining({ kind: 'triage', status: 'false_positive', comment: 'test key', run: null }),
    ]);
    await eventually(
      async () => ((await finding(aws.findingId!)).status === 'false_positive' ? true : undefined),
      30_000,
      'the triage to be projected',
    );

    const third = await scan(changed);
    const suppressed = third.findings.find((f) => f.findingId === aws.findingId)!;
    expect(suppressed).toMatchObject({ lifecycle: 'recurring', status: 'false_positive', suppressed: true });
    expect(third.findings.filter((f) => f.suppressed)).toHaveLength(1);
    const run = await json<RunResponse>(await fetch(`${api}/v1/runs/${runs[2]}`));
    expect(run.gatingCounts).toEqual(minus(run.findingCounts, aws.severity));

    // Gating follows the triage as it is now: the earlier runs no longer gate on the finding either.
    const earlier = await json<RunResponse>(await fetch(`${api}/v1/runs/${runs[0]}`));
    expect(earlier.gatingCounts).toEqual(minus(earlier.findingCounts, aws.severity));
    const listed = await json<{ runs: RunResponse[] }>(await fetch(`${api}/v1/runs?project=${project}`));
    expect(listed.runs.find((r) => r.id === runs[2])?.gatingCounts).toEqual(run.gatingCounts);

    expect(ids(await list(`project=${project}&status=false_positive`))).toEqual([aws.findingId]);
  });

  it('marks what a run no longer reports fixed, and what it reports first new', async () => {
    const [, second, third] = report as [FindingsResponse, FindingsResponse, FindingsResponse];
    expect(third.baselineRun).toBe(runs[1]);
    const gone = second.findings.filter((f) => f.location.path === 'src/notify.js');
    expect(gone.length).toBeGreaterThan(0);
    expect(ids(third.fixed)).toEqual(ids(gone));
    expect(third.fixed.every((f) => f.project === project && f.occurrences === 2)).toBe(true);
    const fresh = third.findings.filter((f) => f.lifecycle === 'new');
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((f) => f.location.path === 'src/deploy.js')).toBe(true);
    expect(
      third.findings
        .filter((f) => f.location.path !== 'src/deploy.js')
        .every((f) => f.lifecycle === 'recurring'),
    ).toBe(true);

    // SARIF says the same with baselineState, and stays valid.
    const sarif = await json<{
      runs: { results: { baselineState?: string; partialFingerprints: Record<string, string> }[] }[];
    }>(await fetch(`${api}/v1/runs/${runs[2]}/findings?format=sarif`));
    const check = (await sarifValidator())(sarif);
    expect(check.valid, check.errors).toBe(true);
    const states = new Map(
      sarif.runs.flatMap((r) =>
        r.results.map((x) => [x.partialFingerprints['fuzzforge/v1'], x.baselineState]),
      ),
    );
    for (const f of gone) expect(states.get(f.fingerprint)).toBe('absent');
    for (const f of fresh) expect(states.get(f.fingerprint)).toBe('new');
    expect(states.get(third.findings.find((f) => f.lifecycle === 'recurring')!.fingerprint)).toBe(
      'unchanged',
    );
  });

  it('filters by new-since-run, run, workflow, tool and severity, and pages without gaps', async () => {
    const third = report[2]!;
    const fresh = ids(third.findings.filter((f) => f.lifecycle === 'new'));
    expect(ids(await list(`new-since-run=${runs[1]}`))).toEqual(fresh);
    expect(ids(await list(`new-since-run=${runs[0]}`))).toEqual(fresh);
    expect(await list(`new-since-run=${runs[2]}`)).toEqual([]);
    expect(ids(await list(`project=${project}&run=${runs[2]}`))).toEqual(ids(third.findings));
    const all = await list(`project=${project}&workflow=secret-scan`);
    expect(ids(all)).toEqual(ids([...report[1]!.findings, ...fresh.map((id) => ({ id }))]));
    expect(await list(`project=${project}&workflow=python-sast`)).toEqual([]);
    const gitleaks = await list(`project=${project}&tool=gitleaks&severity=critical`);
    expect(gitleaks.length).toBeGreaterThan(0);
    expect(gitleaks.every((f) => f.tool.name === 'gitleaks' && f.severity === 'critical')).toBe(true);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await fetch(
        `${api}/v1/findings?project=${project}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = await json<FindingListResponse>(res);
      expect(page.findings.length).toBeLessThanOrEqual(2);
      paged.push(...page.findings.map((f) => f.id));
      cursor = page.next;
    } while (cursor);
    expect(paged).toEqual(all.map((f) => f.id));

    const bad = await fetch(`${api}/v1/findings?new-since-run=no-such-run`);
    expect(bad.status).toBe(400);
    expect((await json<Problem>(bad)).errors?.map((e) => e.path)).toEqual(['/new-since-run']);
    const badStatus = await fetch(`${api}/v1/findings?status=closed`);
    expect(badStatus.status).toBe(400);
    expect((await json<Problem>(badStatus)).errors?.map((e) => e.path)).toEqual(['/status']);
  });

  it('reopens a finding triaged fixed that a later run reports again (a regression)', async () => {
    const notify = report[2]!.fixed[0]!;
    const res = await patch(notify.id, JSON.stringify({ status: 'fixed', comment: 'token rotated' }));
    expect(res.status).toBe(200);
    expect(await json<ProjectFindingResponse>(res)).toMatchObject({ status: 'fixed', suppressed: false });
    await eventually(
      async () => ((await finding(notify.id)).status === 'fixed' ? true : undefined),
      30_000,
      'the triage to be projected',
    );

    const fourth = await scan(original);
    const back = fourth.findings.find((f) => f.findingId === notify.id)!;
    expect(back).toMatchObject({ lifecycle: 'recurring', status: 'open', suppressed: false });
    const reopened = await finding(notify.id);
    expect(reopened).toMatchObject({ status: 'open', occurrences: 3, lastSeen: { run: runs[3] } });
    expect(reopened.history.map((h) => [h.kind, h.status, h.run])).toEqual([
      ['triage', 'fixed', null],
      ['regression', 'open', runs[3]],
    ]);
    // The false positive stays suppressed; the token of src/deploy.js is gone again: fixed by run 4.
    expect(fourth.findings.filter((f) => f.suppressed).map((f) => f.status)).toEqual(['false_positive']);
    expect(fourth.baselineRun).toBe(runs[2]);
    expect(fourth.fixed.every((f) => f.location.path === 'src/deploy.js')).toBe(true);
    expect(fourth.fixed.length).toBeGreaterThan(0);
  });
});
