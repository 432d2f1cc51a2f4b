import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecretKeyEntry, parseSecretKeys } from '@fuzzforge/platform';
import { bootstrapKeyFile, platformSecretsOf, webhookSecretKeysFile } from './platformSecrets';

describe('platformSecretsOf', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-platform-secrets-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('generates each secret once into the data directory, readable by its owner only', async () => {
    const dataDir = path.join(dir, 'generated');
    const first = await platformSecretsOf({}, dataDir);
    expect(first.adminKey).toMatch(/^ffk_[\w-]{43}$/);
    expect(parseSecretKeys(first.webhookSecretKeys)).toHaveLength(1);
    for (const file of [bootstrapKeyFile(dataDir), webhookSecretKeysFile(dataDir)]) {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }
    expect(await platformSecretsOf({}, dataDir)).toEqual(first);
  });

  it("takes the operator's own, and refuses sealing keys that are wrong before anything starts", async () => {
    const dataDir = path.join(dir, 'given');
    const webhookSecretKeys = `${newSecretKeyEntry(new Date('2027-01-01'))},${newSecretKeyEntry(new Date('2026-01-01'))}`;
    const adminKey = `ffk_${'x'.repeat(40)}`;
    await expect(
      platformSecretsOf(
        { FF_BOOTSTRAP_ADMIN_KEY: adminKey, FF_WEBHOOK_SECRET_KEYS: webhookSecretKeys },
        dataDir,
      ),
    ).resolves.toEqual({ adminKey, webhookSecretKeys });
    await expect(platformSecretsOf({ FF_WEBHOOK_SECRET_KEYS: 'k1:c2hvcnQ=' }, dataDir)).rejects.toMatchObject(
      {
        code: 'start-failed',
        message: 'FF_WEBHOOK_SECRET_KEYS is invalid: key k1 is 5 bytes once base64-decoded; it must be 32',
      },
    );
  });
});
