import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';

// Nothing listens on port 9: a command that reached the API would exit 4 (unreachable), not 2.
const env = { FF_API_URL: 'http://127.0.0.1:9', FF_API_KEY: 'ffk_unused' };

async function ff(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, env, {
    out: { write: (t) => (stdout += t) },
    err: { write: (t) => (stderr += t) },
    interactive: false,
    columns: 80,
    cwd: await mkdtemp(path.join(tmpdir(), 'ff-webhooks-')),
  });
  return { code, stdout, stderr };
}

describe('ff webhooks usage errors', () => {
  it('refuses a bad create before any request, saying which field is wrong', async () => {
    const noUrl = await ff('webhooks', 'create', '--events', 'ff.run.finding');
    expect(noUrl).toMatchObject({ code: 2 });
    expect(noUrl.stderr).toContain('needs --url and --events');

    const typo = await ff(
      'webhooks',
      'create',
      '--url',
      'https://hooks.example.com/x',
      '--events',
      'ff.run.findng',
    );
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('eventTypes.0: must be *, an event type');

    const credentials = await ff(
      'webhooks',
      'create',
      '--url',
      'https://user:pw@hooks.example.com/x',
      '--events',
      'ff.run.*',
    );
    expect(credentials.code).toBe(2);
    expect(credentials.stderr).toContain('url: must not carry credentials');

    const badProject = await ff(
      'webhooks',
      'create',
      '--url',
      'https://hooks.example.com/x',
      '--events',
      'ff.run.finding,ff.run.completed',
      '--project',
      'Not A Project!',
    );
    expect(badProject.code).toBe(2);
    expect(badProject.stderr).toContain('projects.0');
  });

  it('refuses a bad delivery query and missing ids before any request', async () => {
    const status = await ff('webhooks', 'deliveries', 'wh_1', '--status', 'failed');
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('status:');
    const limit = await ff('webhooks', 'deliveries', 'wh_1', '--limit', 'lots');
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('limit:');

    for (const argv of [
      ['webhooks', 'show'],
      ['webhooks', 'enable', 'a', 'b'],
      ['webhooks', 'delete'],
      ['webhooks', 'delivery', 'wh_1'],
      ['webhooks', 'redeliver', 'wh_1'],
      ['webhooks', 'explode'],
      ['webhooks', 'list', '--bogus'],
    ]) {
      const outcome = await ff(...argv);
      expect(outcome.code, argv.join(' ')).toBe(2);
      expect(outcome.stderr, argv.join(' ')).toMatch(/^ff: /);
    }
    expect((await ff('webhooks', 'delivery', 'wh_1')).stderr).toContain(
      'Name a webhook and one of its deliveries',
    );
  });

  it('sends a valid command to the API (which is not there: exit 4)', async () => {
    const create = await ff(
      'webhooks',
      'create',
      '--url',
      'https://hooks.example.com/x',
      '--events',
      'ff.run.*',
    );
    expect(create.code).toBe(4);
    expect(create.stderr).toContain('Cannot reach the FuzzForge API');
  });
});
