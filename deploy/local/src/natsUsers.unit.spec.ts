import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { natsUrlFor, natsUsersFile, natsUsersOf } from './natsUsers';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('NATS users', () => {
  it('are generated once per data dir, kept private, and the same on every later start', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-nats-users-'));
    const [a, b] = await Promise.all([natsUsersOf(dir), natsUsersOf(dir)]);
    expect(b).toEqual(a);
    expect(await natsUsersOf(dir)).toEqual(a);
    expect(a.platform.user).toBe('fuzzforge');
    expect(a.subscriber.user).toBe('subscriber');
    expect(a.platform.password).not.toBe(a.subscriber.password);
    expect((await stat(natsUsersFile(dir))).mode & 0o777).toBe(0o600);
  });

  it('travel inside the URL the services read as NATS_URL', () => {
    expect(natsUrlFor('nats://127.0.0.1:4222', { user: 'subscriber', password: 'a/b@c' })).toBe(
      'nats://subscriber:a%2Fb%40c@127.0.0.1:4222',
    );
  });
});
