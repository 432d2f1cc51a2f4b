import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newSecretKeyEntry, parseSecretKeys } from '@fuzzforge/platform';
import { StackError } from './stackError';

/** Where a platform keeps the admin key it generated: beside its data, so both go together. */
export const bootstrapKeyFile = (dataDir: string): string => path.join(dataDir, 'bootstrap-admin-key');

/** Where a platform keeps the keys sealing its webhook secrets: losing them loses every webhook's secret. */
export const webhookSecretKeysFile = (dataDir: string): string => path.join(dataDir, 'webhook-secret-keys');

/** The platform secrets only some processes are given (never the workers, which run untrusted code). */
export interface PlatformSecrets {
  /** The API's first admin key (FF_BOOTSTRAP_ADMIN_KEY). */
  adminKey: string;
  /** The keys sealing webhook signing secrets (FF_WEBHOOK_SECRET_KEYS), for the API and webhooks. */
  webhookSecretKeys: string;
}

/**
 * The value in `file`, generated on first use and kept there (mode 0600), so every later start — and
 * the tests — use what the database already depends on. When two processes race, the first write wins.
 */
async function keptSecret(file: string, generate: () => string): Promise<string> {
  const stored = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (stored?.trim()) return stored.trim();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${generate()}\n`, { mode: 0o600, flag: 'wx' }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    },
  );
  return (await readFile(file, 'utf8')).trim();
}

/**
 * The operator's FF_BOOTSTRAP_ADMIN_KEY and FF_WEBHOOK_SECRET_KEYS when set, otherwise ones generated
 * into the platform's data directory.
 */
export async function platformSecretsOf(env: NodeJS.ProcessEnv, dataDir: string): Promise<PlatformSecrets> {
  const given = env['FF_WEBHOOK_SECRET_KEYS'];
  if (given) {
    try {
      parseSecretKeys(given);
    } catch (err) {
      throw new StackError(
        'start-failed',
        `FF_WEBHOOK_SECRET_KEYS is invalid: ${(err as Error).message}`,
        'give id:base64 entries of 32-byte keys, comma-separated (README "Webhook secrets at rest"), or unset it to use the generated one',
      );
    }
  }
  return {
    adminKey:
      env['FF_BOOTSTRAP_ADMIN_KEY'] ||
      (await keptSecret(bootstrapKeyFile(dataDir), () => `ffk_${randomBytes(32).toString('base64url')}`)),
    webhookSecretKeys:
      env['FF_WEBHOOK_SECRET_KEYS'] ||
      (await keptSecret(webhookSecretKeysFile(dataDir), () => newSecretKeyEntry())),
  };
}
