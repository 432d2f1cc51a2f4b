import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { withInstallLock } from './installLock';

const log = createLogger('test', { write: () => undefined });

describe('withInstallLock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-lock-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lets one installer at a time into a directory', async () => {
    const target = path.join(dir, 'tools', 'venv');
    const timeline: string[] = [];
    const install = (name: string) =>
      withInstallLock(target, log, async () => {
        timeline.push(`${name}:start`);
        await delay(100);
        timeline.push(`${name}:end`);
        return name;
      });
    await expect(Promise.all([install('a'), install('b')])).resolves.toEqual(['a', 'b']);
    expect(timeline).toSatisfy(
      (t: string[]) =>
        t.join() === 'a:start,a:end,b:start,b:end' || t.join() === 'b:start,b:end,a:start,a:end',
    );
  });

  it('takes over a lock whose process is gone', async () => {
    const target = path.join(dir, 'stale');
    // pid 2^22 + 1 is above Linux's pid_max: no process has it.
    await writeFile(`${target}.lock`, String(2 ** 22 + 1));
    await expect(withInstallLock(target, log, () => Promise.resolve('done'))).resolves.toBe('done');
  });
});
