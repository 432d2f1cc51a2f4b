import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it } from 'vitest';
import type { CreatedApiKey, CreatedWebhook } from '@fuzzforge/contracts';
import { anonymousFetch, withKey } from '../support/apiKey';
import { json } from '../support/http';
import { completedRun, requestRun, uploadFixture } from '../support/scanRuns';

const api = inject('apiUrl');
const env = inject('serviceEnv');
const logsDir = inject('serviceLogsDir');

/** Every line every platform process wrote so far. */
async function serviceLogs(): Promise<string> {
  const files = (await readdir(logsDir)).filter((f) => f.endsWith('.log'));
  const texts = await Promise.all(files.map((f) => readFile(path.join(logsDir, f), 'utf8')));
  return texts.join('\n');
}

describe('service logs', () => {
  it('never contain a secret: API keys, webhook secrets and their sealing key, S3 and NATS credentials', async () => {
    // Work that makes every process log: keys made and refused, a webhook failing, a run.
    const key = await json<CreatedApiKey>(
      await fetch(`${api}/v1/admin/keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'log-secrets', scopes: ['read'] }),
      }),
    );
    const forged = `ffk_${'A'.repeat(43)}`;
    expect(
      (await anonymousFetch(`${api}/v1/runs`, { headers: { authorization: `Bearer ${forged}` } })).status,
    ).toBe(401);
    expect((await fetch(`${api}/v1/runs`, withKey(key.key, { method: 'POST', body: '{}' }))).status).toBe(
      403,
    );
    const webhook = await json<CreatedWebhook>(
      await fetch(`${api}/v1/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Nothing listens there: every attempt fails and is logged.
        body: JSON.stringify({
          url: 'http://127.0.0.1:9/hook?token=s3cr3t-in-url',
          eventTypes: ['ff.run.*'],
        }),
      }),
    );
    const target = await uploadFixture(api, 'leaky-app');
    await completedRun(api, await requestRun(api, target.id, 'secret-scan'));
    await sleep(3_000); // failed deliveries logged
    await fetch(`${api}/v1/webhooks/${webhook.id}`, { method: 'DELETE' });

    const natsPassword = new URL(env['NATS_URL']!).password;
    const secrets = {
      'the bootstrap admin key': inject('apiKey'),
      'a created API key': key.key,
      'a refused API key': forged,
      'a webhook secret': webhook.secret,
      'the key sealing webhook secrets': inject('webhookSecretKeys').split(':')[1]!,
      "a webhook URL's token": 's3cr3t-in-url',
      'the S3 secret key': env['S3_SECRET_ACCESS_KEY']!,
      "the platform's NATS password": decodeURIComponent(natsPassword),
    };
    const logs = await serviceLogs();
    expect(logs.length).toBeGreaterThan(10_000);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).toBeGreaterThan(7);
      expect(logs.includes(secret), `${what} is in the service logs`).toBe(false);
    }
  });
});
