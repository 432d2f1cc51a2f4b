import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type { RunWorkflowInput, TargetResponse } from '@fuzzforge/contracts';
import { createLogger } from '@fuzzforge/observability';
import {
  createRunEventEmitter,
  createTargetCache,
  s3TargetDownloader,
  type RunSummary,
} from '@fuzzforge/worker-runtime';
import { createSecretsActivities } from '@fuzzforge/worker-secrets/activities';
import { tarGzOf } from '../support/archive';
import { useClients } from '../support/clients';
import { eventually, json } from '../support/http';

const env = inject('serviceEnv');
const api = inject('apiUrl');
const clientsOf = useClients(env);
const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'leaky-app');

describe('a retried scan activity', () => {
  it('publishes the same event ids again, so the run has each finding once', async () => {
    const clients = clientsOf();
    const archive = await tarGzOf(fixture);
    const target = await json<TargetResponse>(
      await fetch(`${api}/v1/targets?filename=leaky-app.tar.gz`, {
        method: 'POST',
        headers: { 'content-type': 'application/gzip' },
        body: archive,
      }),
    );
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'ff-retry-cache-'));
    const activities = createSecretsActivities({
      emitter: createRunEventEmitter({
        js: clients.js,
        source: 'test',
        worker: 'test',
        now: () => new Date(),
      }),
      cache: createTargetCache({
        dir: cacheDir,
        maxBytes: 1024 ** 3,
        download: s3TargetDownloader(clients.s3, clients.bucket),
        extractLimits: { maxEntries: 1000, maxBytes: 10 * 1024 ** 2 },
      }),
      s3: clients.s3,
      bucket: clients.bucket,
      gitleaksPath: env['FF_GITLEAKS_PATH']!,
      detectSecretsPath: env['FF_DETECT_SECRETS_PATH']!,
      log: createLogger('test', { level: 'error' }),
    });
    const runId = ulid();
    const input: RunWorkflowInput = {
      runId,
      targetId: target.id,
      targetSha256: target.sha256,
      workflow: 'secret-scan',
      cacheMode: 'isolated',
      parameters: { redact: true, maxFileSizeMegabytes: 25, timeoutSeconds: 60 },
    };
    // The same activity, as Temporal would retry it after a worker crash: attempt 1, then attempt 2.
    const first: RunSummary = await new MockActivityEnvironment({ attempt: 1 }).run(
      activities.scanTarget,
      input,
    );
    const second = await new MockActivityEnvironment({ attempt: 2 }).run(activities.scanTarget, input);
    expect(second).toEqual(first);
    await rm(cacheDir, { recursive: true, force: true });

    // JetStream stored each event once: the retry's publishes were recognised as duplicates.
    const info = await clients.jsm.streams.info('FF_RUN_EVENTS', { subjects_filter: `ff.run.${runId}.>` });
    const stored = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
    // Progress: fetch, one step per tool (gitleaks, detect-secrets), report; then one event per finding.
    expect(stored).toBe(4 + first.findingCount);

    const findings = await eventually(
      async () => {
        const rows = await clients.db
          .selectFrom('findings')
          .selectAll()
          .where('run_id', '=', runId)
          .execute();
        return rows.length >= first.findingCount ? rows : undefined;
      },
      30_000,
      'the findings to be projected',
    );
    expect(findings).toHaveLength(first.findingCount);
  });
});
