import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { FindingsResponse, RunResponse, TargetResponse } from '@fuzzforge/contracts';
import { createS3 } from '@fuzzforge/platform';
import { tarGzOf } from '../support/archive';
import { eventually, json } from '../support/http';
import { sarifValidator } from '../support/sarif';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const api = inject('apiUrl');
const env = inject('serviceEnv');

describe('secret scan, end to end (API → NATS → dispatcher → Temporal → worker → NATS → projector → API)', () => {
  let archive: Buffer;
  let target: TargetResponse;
  let runId: string;

  beforeAll(async () => {
    archive = await tarGzOf(path.join(repoRoot, 'tests', 'fixtures', 'leaky-app'));
  });

  it('stores an upload content-addressed: the same bytes give the same target', async () => {
    const upload = () =>
      fetch(`${api}/v1/targets?filename=leaky-app.tar.gz`, {
        method: 'POST',
        headers: { 'content-type': 'application/gzip' },
        body: archive,
      });
    const first = await upload();
    expect(first.status).toBe(201);
    target = await json<TargetResponse>(first);
    const sha256 = createHash('sha256').update(archive).digest('hex');
    expect(target).toMatchObject({ id: sha256, sha256, size: archive.length, filename: 'leaky-app.tar.gz' });
    const second = await json<TargetResponse>(await upload());
    expect(second.id).toBe(target.id);
    const fetched = await fetch(`${api}/v1/targets/${target.id}`);
    expect(fetched.status).toBe(200);
  });

  it('accepts a run and shows it at once, before any projection', async () => {
    const res = await fetch(`${api}/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: target.id, workflow: 'secret-scan', parameters: {} }),
    });
    expect(res.status).toBe(202);
    const created = await json<{ id: string; status: string }>(res);
    expect(created.status).toBe('queued');
    runId = created.id;
    const visible = await fetch(`${api}/v1/runs/${runId}`);
    expect(visible.status).toBe(200);
    const run = await json<RunResponse>(visible);
    expect(['queued', 'running', 'completed']).toContain(run.status);
    expect(run.workflow).toBe('secret-scan');
  });

  it('completes the run with the planted AWS key found at the right file, line and rule', async () => {
    const run = await eventually(
      async () => {
        const r = await json<RunResponse>(await fetch(`${api}/v1/runs/${runId}`));
        if (r.status === 'failed') expect.fail(`run failed: ${JSON.stringify(r.error)}`);
        return r.status === 'completed' ? r : undefined;
      },
      180_000,
      'the run to complete',
    );
    expect(run.timeline.map((t) => t.status)).toEqual(['queued', 'running', 'completed']);
    expect(run.findingCounts.critical).toBeGreaterThanOrEqual(2);
    expect(run.reportKey).toBe(`results/${runId}/report.sarif`);

    const body = await json<FindingsResponse>(await fetch(`${api}/v1/runs/${runId}/findings`));
    const aws = body.findings.find((f) => f.ruleId === 'aws-access-token');
    expect(aws).toMatchObject({
      tool: { name: 'gitleaks' },
      severity: 'critical',
      location: { path: 'config/aws.ini', startLine: 3 },
    });
    expect(body.findings.some((f) => f.ruleId === 'github-pat' && f.location.path === 'src/notify.js')).toBe(
      true,
    );
    // Redaction is on by default: the key itself never reaches the API.
    expect(JSON.stringify(body)).not.toContain('AKIAQ4ZLCNJ7V3XHK2PM');

    const lateCancel = await fetch(`${api}/v1/runs/${runId}/cancel`, { method: 'POST' });
    expect(lateCancel.status).toBe(409);
    expect(await lateCancel.json()).toMatchObject({ code: 'run-finished' });
  });

  it('exports the findings as SARIF 2.1.0 that validates against the official schema', async () => {
    const res = await fetch(`${api}/v1/runs/${runId}/findings?format=sarif`);
    expect(res.headers.get('content-type')).toContain('application/sarif+json');
    const sarif = (await res.json()) as { runs: { results: { ruleId: string; locations: unknown[] }[] }[] };
    const validate = await sarifValidator();
    const check = validate(sarif);
    expect(check.valid, check.errors).toBe(true);
    expect(validate({ ...sarif, version: '2.0.0' }).valid, 'the validator must be able to reject').toBe(
      false,
    );
    const result = sarif.runs[0]?.results.find((r) => r.ruleId === 'aws-access-token');
    expect(result?.locations[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'config/aws.ini' }, region: { startLine: 3 } },
    });

    const viaAccept = await fetch(`${api}/v1/runs/${runId}/findings`, {
      headers: { accept: 'application/sarif+json' },
    });
    expect(viaAccept.headers.get('content-type')).toContain('application/sarif+json');
  });

  it('stores the worker SARIF report in S3, valid too', async () => {
    const s3 = createS3({
      endpoint: env['S3_ENDPOINT']!,
      region: env['S3_REGION']!,
      accessKeyId: env['S3_ACCESS_KEY_ID']!,
      secretAccessKey: env['S3_SECRET_ACCESS_KEY']!,
    });
    const object = await s3.send(
      new GetObjectCommand({ Bucket: env['S3_BUCKET'], Key: `results/${runId}/report.sarif` }),
    );
    const report = JSON.parse(await object.Body!.transformToString()) as {
      version: string;
      runs: { tool: { driver: { name: string } } }[];
    };
    expect(report.version).toBe('2.1.0');
    // One SARIF run per tool, even one that found nothing new after the merge.
    expect(report.runs.map((r) => r.tool.driver.name)).toEqual(['gitleaks', 'detect-secrets']);
    s3.destroy();
  });
});
