import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import type { ApiKeyList, ApiKeyView, CreatedApiKey } from '@fuzzforge/contracts';
import { withKey } from '../support/apiKey';
import { ffRunner } from '../support/cliRunner';

const api = inject('apiUrl');
const ff = ffRunner(api, inject('apiKey'));
const runFf = (args: string[], env: Record<string, string | undefined> = {}) => ff.run(args, { env });

describe('ff admin keys', () => {
  it('creates a key that works, lists it without its secret, and revokes it', async () => {
    const project = `cli-${ulid().toLowerCase()}`;
    const name = `cli-test-${ulid()}`;
    const created = await runFf([
      'admin',
      'keys',
      'create',
      '--name',
      name,
      '--scope',
      'read,submit',
      '--project',
      project,
      '--rate-limit',
      '5/20',
      '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const key = JSON.parse(created.stdout) as CreatedApiKey;
    expect(key).toMatchObject({
      name,
      scopes: ['read', 'submit'],
      projects: [project],
      rateLimit: { perSecond: 5, burst: 20 },
    });
    expect((await fetch(`${api}/v1/runs?project=${project}`, withKey(key.key))).status).toBe(200);

    const human = await runFf(['admin', 'keys', 'list']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ID\s+NAME\s+PREFIX\s+SCOPES/);
    expect(human.stdout).toContain(name);
    expect(human.stdout).not.toContain(key.key);
    const listed = JSON.parse((await runFf(['admin', 'keys', 'list', '--json'])).stdout) as ApiKeyList;
    expect(listed.keys.map((k) => k.id)).toContain(key.id);

    const revoked = await runFf(['admin', 'keys', 'revoke', key.id, '--json']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((JSON.parse(revoked.stdout) as ApiKeyView).revokedAt).not.toBeNull();
    expect((await fetch(`${api}/v1/runs?project=${project}`, withKey(key.key))).status).toBe(401);
    expect((await runFf(['admin', 'keys', 'list', '--all'])).stdout).toContain(name);
  });

  it('prints the key once for a human, with the warning to store it', async () => {
    const created = await runFf(['admin', 'keys', 'create', '--name', `cli-${ulid()}`, '--scope', 'read']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(
      /^Created API key \S+ \(read; projects: all\)\.\n\n {2}ffk_\S{43}\n\nStore it now/,
    );
  });

  it('exits 2 on usage errors, saying what is wrong, before calling the API', async () => {
    const noScope = await runFf(['admin', 'keys', 'create', '--name', 'x']);
    expect(noScope.code).toBe(2);
    expect(noScope.stderr).toContain('scopes');
    const badScope = await runFf(['admin', 'keys', 'create', '--name', 'x', '--scope', 'root'], {
      FF_API_URL: 'http://127.0.0.1:9',
    });
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toContain('scopes.0');
    expect(
      (await runFf(['admin', 'keys', 'create', '--name', 'x', '--scope', 'read', '--rate-limit', 'fast']))
        .stderr,
    ).toContain('PER_SECOND/BURST');
    expect((await runFf(['admin', 'keys', 'revoke'])).code).toBe(2);
    expect((await runFf(['admin', 'keys', 'explode'])).code).toBe(2);
    expect((await runFf(['frobnicate'])).code).toBe(2);
    expect((await runFf(['admin', 'keys', 'list', '--bogus'])).code).toBe(2);
    expect((await runFf([])).code).toBe(2);
    expect((await runFf(['--help'])).code).toBe(0);
  });

  it('exits 4 when the API is unreachable or refuses the key, with the fix', async () => {
    const unreachable = await runFf(['admin', 'keys', 'list'], { FF_API_URL: 'http://127.0.0.1:9' });
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toContain('Cannot reach the FuzzForge API at http://127.0.0.1:9');
    const noKey = await runFf(['admin', 'keys', 'list'], { FF_API_KEY: undefined });
    expect(noKey.code).toBe(4);
    expect(noKey.stderr).toContain('set FF_API_KEY');
    const badKey = await runFf(['admin', 'keys', 'list', '--api-key', 'ffk_wrong']);
    expect(badKey.code).toBe(4);
    expect(badKey.stderr).toContain('revoked or expired');
    // A key without the admin scope is refused by the API, not by the CLI.
    const reader = JSON.parse(
      (await runFf(['admin', 'keys', 'create', '--name', `cli-${ulid()}`, '--scope', 'read', '--json']))
        .stdout,
    ) as CreatedApiKey;
    const refused = await runFf(['admin', 'keys', 'list', '--api-key', reader.key]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('`admin` scope');
  });
});
