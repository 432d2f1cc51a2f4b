import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where a platform keeps the admin key it generated: beside its data, so both go together. */
export const bootstrapKeyFile = (dataDir: string): string => path.join(dataDir, 'bootstrap-admin-key');

/**
 * The API's first admin key: FF_BOOTSTRAP_ADMIN_KEY when the operator set it, otherwise one generated
 * on first use and kept (mode 0600) in the platform's data directory, so every later start — and the
 * tests — use the key the database already knows.
 */
export async function bootstrapAdminKeyOf(env: NodeJS.ProcessEnv, dataDir: string): Promise<string> {
  const given = env['FF_BOOTSTRAP_ADMIN_KEY'];
  if (given) return given;
  const file = bootstrapKeyFile(dataDir);
  const stored = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (stored?.trim()) return stored.trim();
  const key = `ffk_${randomBytes(32).toString('base64url')}`;
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    // Another process wrote it first: theirs is the one the database will know.
    if (err.code !== 'EEXIST') throw err;
  });
  return (await readFile(file, 'utf8')).trim();
}
