import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  CreateRunResponse,
  DeadLetterPage,
  FindingListResponse,
  FindingsResponse,
  ProjectFindingResponse,
  RunResponse,
  TargetResponse,
  WorkflowListResponse,
} from '@fuzzforge/contracts';
import { ffRunner, type FfOutcome } from '../support/cliRunner';
import { uniqueProject } from '../support/fuzzRuns';
import { eventually } from '../support/http';
import { sarifValidator } from '../support/sarif';

const api = inject('apiUrl');
const ff = ffRunner(api, inject('apiKey'));
const unreachable = { FF_API_URL: 'http://127.0.0.1:1' };

const scratch: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ff-cli-e2e-'));
  scratch.push(dir);
  return dir;
};
afterAll(() => Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true }))));

const ok = (outcome: FfOutcome, code = 0) => {
  expect(outcome.code, `ff exited ${outcome.code}\n${outcome.stderr}`).toBe(code);
  return outcome;
};

/** A fake AWS access key id gitleaks reports: AKIA and 16 random base32 characters. */
const fakeAwsKey = () =>
  `AKIA${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[randomInt(32)]).join('')}`;

describe('ff workflows', () => {
  it('lists the catalog as a table and as JSON, and describes one workflow with its parameters', async () => {
    const table = ok(await ff.run(['workflows', 'list']));
    expect(table.stdout).toMatch(/^NAME\s+VERSION\s+TOOLS\s+TITLE/);
    const list = JSON.parse(ok(await ff.run(['workflows', 'list', '--json'])).stdout) as WorkflowListResponse;
    expect(list.workflows.map((w) => w.name)).toContain('secret-scan');

    const info = ok(await ff.run(['workflows', 'info', 'secret-scan']));
    expect(info.stdout).toContain('redact (boolean, default true)');
    const missing = await ff.run(['workflows', 'info', 'no-such-workflow']);
    expect(missing.code).toBe(2);
  });
});

describe('ff run secret-scan tests/fixtures/leaky-app --wait --fail-on high --sarif', () => {
  const project = uniqueProject('cli-gate');
  let work: string;
  let gated: FfOutcome;
  let runId: string;

  beforeAll(async () => {
    work = await tempDir();
    gated = await ff.run([
      'run',
      'secret-scan',
      'tests/fixtures/leaky-app',
      '--wait',
      '--fail-on',
      'high',
      '--sarif',
      path.join(work, 'out.sarif'),
      '--project',
      project,
    ]);
    runId = gated.stdout.trim();
  }, 300_000);

  it('exits 1 for the planted critical secrets, saying how many and what to do', () => {
    expect(gated.code, gated.stderr).toBe(1);
    expect(runId).toMatch(/^\S+$/);
    expect(gated.stderr).toMatch(/\d+ findings? at or above high \(\d+ critical/);
    expect(gated.stderr).toContain('ff findings triage');
    // Not a terminal: the upload is reported in plain lines, without redraws.
    expect(gated.stderr).toContain('Uploaded tests/fixtures/leaky-app as target');
    expect(gated.stderr).not.toContain('\r');
  });

  it('writes the run’s SARIF, valid against the official 2.1.0 schema', async () => {
    const sarif = JSON.parse(await readFile(path.join(work, 'out.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    const check = (await sarifValidator())(sarif);
    expect(check.valid, check.errors).toBe(true);
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toContain('aws-access-token');
  });

  it('shows the run as JSON and exports its findings as json, csv, markdown and sarif', async () => {
    const run = JSON.parse(ok(await ff.run(['runs', 'show', runId, '--json'])).stdout) as RunResponse;
    expect(run).toMatchObject({ id: runId, status: 'completed', workflow: 'secret-scan', project });
    expect(run.gatingCounts.critical).toBeGreaterThanOrEqual(2);

    const json = JSON.parse(
      ok(await ff.run(['findings', 'export', runId, '--format', 'json'])).stdout,
    ) as FindingsResponse;
    expect(json.findings.some((f) => f.ruleId === 'aws-access-token')).toBe(true);
    const csv = ok(await ff.run(['findings', 'export', runId, '--format', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toBe('severity,status,rule,tool,path,line,message,findingId');
    expect(csv.some((l) => l.startsWith('critical,open,aws-access-token,gitleaks,config/aws.ini,3,'))).toBe(
      true,
    );
    const md = path.join(work, 'findings.md');
    ok(await ff.run(['findings', 'export', runId, '--format', 'markdown', '--output', md]));
    expect(await readFile(md, 'utf8')).toMatch(
      /\| critical \| open \| aws-access-token \| gitleaks \| config\/aws.ini \| 3 \|/,
    );
    const sarif = JSON.parse(ok(await ff.run(['findings', 'export', runId, '--format', 'sarif'])).stdout) as {
      version: string;
    };
    expect(sarif.version).toBe('2.1.0');

    const runs = JSON.parse(ok(await ff.run(['runs', 'list', '--project', project, '--json'])).stdout) as {
      runs: RunResponse[];
    };
    expect(runs.runs.map((r) => r.id)).toEqual([runId]);
    const events = ok(await ff.run(['runs', 'events', runId, '--json']))
      .stdout.trim()
      .split('\n');
    const types = events.map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types[0]).toBe('ff.run.started');
    expect(types.at(-1)).toBe('ff.run.completed');
    expect(types).toContain('ff.run.finding');
  });

  it('stops gating once the findings are triaged as false positives, in this run and the next', async () => {
    const listed = JSON.parse(
      ok(await ff.run(['findings', 'list', '--run', runId, '--json'])).stdout,
    ) as FindingListResponse;
    const blocking = listed.findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
    expect(blocking.length).toBeGreaterThanOrEqual(2);
    for (const f of blocking) {
      const triaged = JSON.parse(
        ok(
          await ff.run([
            'findings',
            'triage',
            f.id,
            'false_positive',
            '--comment',
            'fixture secret',
            '--json',
          ]),
        ).stdout,
      ) as ProjectFindingResponse;
      expect(triaged).toMatchObject({ id: f.id, status: 'false_positive', suppressed: true });
    }
    const shown = ok(await ff.run(['findings', 'show', blocking[0]!.id])).stdout;
    expect(shown).toContain('suppressed');
    expect(shown).toContain('fixture secret');

    // The triage is projected asynchronously: the same run stops gating shortly after.
    await eventually(
      async () =>
        (await ff.run(['runs', 'show', runId, '--fail-on', 'high'])).code === 0 ? true : undefined,
      30_000,
      'the triaged run to pass --fail-on high',
    );
    // A new run of the project reports the same findings, suppressed: --fail-on critical passes.
    const again = ok(
      await ff.run([
        'run',
        'secret-scan',
        'tests/fixtures/leaky-app',
        '--fail-on',
        'critical',
        '--json',
        '--project',
        project,
      ]),
    );
    const run = JSON.parse(again.stdout) as RunResponse;
    expect(run.status).toBe('completed');
    expect(run.findingCounts.critical).toBeGreaterThanOrEqual(2);
    expect(run.gatingCounts.critical).toBe(0);
    expect(run.gatingCounts.high).toBe(0);
  }, 300_000);
});

describe('ff targets upload of a directory', () => {
  it('leaves out what .gitignore ignores, .git and node_modules (seen through a scan of the target)', async () => {
    const dir = await tempDir();
    const keys = { kept: fakeAwsKey(), ignored: fakeAwsKey(), modules: fakeAwsKey(), git: fakeAwsKey() };
    const ini = (key: string) => `[default]\naws_access_key_id = ${key}\n`;
    await mkdir(path.join(dir, 'kept'));
    await mkdir(path.join(dir, 'build'));
    await mkdir(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.gitignore'), 'build/\n*.log\n');
    await writeFile(path.join(dir, 'kept', 'aws.ini'), ini(keys.kept));
    await writeFile(path.join(dir, 'build', 'aws.ini'), ini(keys.ignored));
    await writeFile(path.join(dir, 'debug.log'), ini(keys.ignored));
    await writeFile(path.join(dir, 'node_modules', 'dep', 'aws.ini'), ini(keys.modules));
    await writeFile(path.join(dir, '.git', 'aws.ini'), ini(keys.git));

    const project = uniqueProject('cli-upload');
    const upload = ok(await ff.run(['targets', 'upload', dir, '--project', project, '--json']));
    const target = JSON.parse(upload.stdout) as TargetResponse;
    expect(target).toMatchObject({ contentType: 'application/gzip', projects: [project] });
    expect(target.filename).toBe(`${path.basename(dir)}.tar.gz`);
    const shown = JSON.parse(
      ok(await ff.run(['targets', 'show', target.id, '--json'])).stdout,
    ) as TargetResponse;
    expect(shown).toEqual(target);

    // The target id, not a path: ff runs it without uploading again.
    const run = JSON.parse(
      ok(await ff.run(['run', 'secret-scan', target.id, '--wait', '--json', '--project', project])).stdout,
    ) as RunResponse;
    expect(run.target).toBe(target.id);
    const findings = JSON.parse(
      ok(await ff.run(['findings', 'export', run.id, '--format', 'json'])).stdout,
    ) as FindingsResponse;
    const paths = new Set(findings.findings.map((f) => f.location.path));
    expect(paths).toContain('kept/aws.ini');
    expect([...paths].filter((p) => p !== 'kept/aws.ini')).toEqual([]);
  }, 300_000);
});

describe('ff exit codes', () => {
  it('exits 3 when the run is cancelled while it runs, after showing its live fuzzing progress', async () => {
    const project = uniqueProject('cli-cancel');
    const live = ff.start([
      'run',
      'libfuzzer',
      'tests/fixtures/fuzz-c-bench',
      '--param',
      'durationSeconds=600',
      '--live',
      '--project',
      project,
    ]);
    const runId = await eventually(
      () => Promise.resolve(/Run (\S+) queued/.exec(live.output().stderr)?.[1]),
      60_000,
      'ff run to request the run',
    );
    // Not a terminal: one plain line per change, with the campaign's counters.
    await eventually(
      () =>
        Promise.resolve(/execs \([\d,]+\/s\), coverage [\d,]+ \w+/.test(live.output().stderr) || undefined),
      180_000,
      'live fuzzing counters',
    );
    const cancel = JSON.parse(ok(await ff.run(['runs', 'cancel', runId, '--json'])).stdout) as {
      cancelRequested: boolean;
    };
    expect(cancel.cancelRequested).toBe(true);
    const ended = await live.ended;
    expect(ended.code, ended.stderr).toBe(3);
    expect(ended.stderr).toContain(`Run ${runId} cancelled`);
    expect(ended.stderr).toContain(`ff runs retry ${runId}`);

    // `ff runs retry` requests a new run with the same inputs; cancel it too, so nothing keeps fuzzing.
    const retried = JSON.parse(
      ok(await ff.run(['runs', 'retry', runId, '--json'])).stdout,
    ) as CreateRunResponse;
    expect(retried.retryOf).toBe(runId);
    ok(await ff.run(['runs', 'cancel', retried.id]));
    expect((await ff.run(['runs', 'show', retried.id, '--wait'])).code).toBe(3);
  }, 400_000);

  it('exits 0 when no gate is asked for, even for a run with critical findings', async () => {
    const project = uniqueProject('cli-pass');
    const requested = ok(
      await ff.run(['run', 'secret-scan', 'tests/fixtures/leaky-app', '--project', project, '--json']),
    );
    const created = JSON.parse(requested.stdout) as CreateRunResponse;
    expect(created.status).toBe('queued');
    // Critical secrets, but no gate asked for: waiting alone exits 0.
    ok(await ff.run(['runs', 'show', created.id, '--wait']));
  }, 300_000);

  it('exits 2 on usage errors, before any request', async () => {
    const usage = async (args: string[], expected: string) => {
      const outcome = await ff.run(args, { env: unreachable });
      expect(outcome.code, outcome.stderr).toBe(2);
      expect(outcome.stderr).toContain(expected);
    };
    await usage(['run', 'secret-scan', './no/such/dir'], 'is not a file or directory');
    await usage(
      ['run', 'secret-scan', 'tests/fixtures/leaky-app', '--fail-on', 'severe'],
      'critical, high, medium, low, info',
    );
    await usage(['run', 'secret-scan', 'tests/fixtures/leaky-app', '--param', 'redact'], 'KEY=VALUE');
    await usage(['run', 'secret-scan'], 'Name a workflow and a path');
    await usage(['run', 'secret-scan', 'x', '--params-file', '/no/such.json'], 'cannot be read');
    await usage(['run', 'secret-scan', 'x', '--project', 'Bad Name'], 'not a project name');
    await usage(['findings', 'export', 'r1', '--format', 'pdf'], 'sarif, json, csv, markdown');
    await usage(['findings', 'triage', 'f1', 'wontfix'], 'not a triage status');
    await usage(['runs', 'show'], 'Name one run');
    await usage(['runs', 'list', '--bogus'], 'Run ff --help');
    await usage(['targets', 'upload'], 'Name one file or directory');
    await usage(['admin', 'dlq', 'replay', 'abc'], 'numeric id');
    await usage(['frobnicate'], 'Unknown command');
  });

  it('exits 4 when the API cannot be reached or refuses the key, saying what to do', async () => {
    const down = await ff.run(['run', 'secret-scan', 'tests/fixtures/leaky-app'], { env: unreachable });
    expect(down.code).toBe(4);
    expect(down.stderr).toContain('Cannot reach the FuzzForge API at http://127.0.0.1:1');
    expect(down.stderr).toContain('FF_API_URL');
    const noKey = await ff.run(['workflows', 'list'], { env: { FF_API_KEY: undefined } });
    expect(noKey.code).toBe(4);
    expect(noKey.stderr).toContain('set FF_API_KEY');
    const badKey = await ff.run(['runs', 'list', '--api-key', 'ffk_wrong']);
    expect(badKey.code).toBe(4);
    expect(badKey.stderr).toContain('revoked or expired');
  });
});

describe('ff admin dlq', () => {
  it('lists dead letters as JSON and refuses an unknown entry', async () => {
    const page = JSON.parse(
      ok(await ff.run(['admin', 'dlq', 'list', '--limit', '5', '--json'])).stdout,
    ) as DeadLetterPage;
    expect(page.entries.length).toBeLessThanOrEqual(5);
    expect(page.total).toBeGreaterThanOrEqual(page.entries.length);
    const missing = await ff.run(['admin', 'dlq', 'replay', '999999999']);
    expect(missing.code, missing.stderr).toBe(2);
  });
});

describe('ff init', () => {
  it('writes .fuzzforge.json without the key, which later commands in that directory use', async () => {
    const dir = await tempDir();
    const project = uniqueProject('cli-init');
    ok(await ff.run(['init', '--project', project, '--workflow', 'secret-scan'], { cwd: dir }));
    const written = JSON.parse(await readFile(path.join(dir, '.fuzzforge.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(written).toEqual({ apiUrl: api, project, workflow: 'secret-scan' });
    expect((await ff.run(['init'], { cwd: dir })).code).toBe(2); // exists: --force to replace

    // The file's API URL is used when FF_API_URL is not set; the env still wins when it is.
    await mkdir(path.join(dir, 'sub'));
    const upload = ok(
      await ff.run(['targets', 'upload', path.resolve('tests/fixtures/leaky-app'), '--json'], {
        cwd: path.join(dir, 'sub'),
        env: { FF_API_URL: undefined },
      }),
    );
    expect((JSON.parse(upload.stdout) as TargetResponse).projects).toContain(project);
    expect((await ff.run(['workflows', 'list'], { cwd: dir, env: unreachable })).code).toBe(4);

    // --save-key stores the key (readable by its owner only); without FF_API_KEY it is used.
    ok(await ff.run(['init', '--force', '--save-key'], { cwd: dir }));
    const saved = JSON.parse(await readFile(path.join(dir, '.fuzzforge.json'), 'utf8')) as {
      apiKey?: string;
    };
    expect(saved.apiKey).toBe(inject('apiKey'));
    ok(
      await ff.run(['workflows', 'list'], {
        cwd: dir,
        env: { FF_API_KEY: undefined, FF_API_URL: undefined },
      }),
    );
  });
});
