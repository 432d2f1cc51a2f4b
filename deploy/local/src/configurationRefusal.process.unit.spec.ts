import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { startServices } from './services';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the supervisor and a service refusing its configuration', () => {
  let dir: string | undefined;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('hears why, and does not restart it in a loop', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-refusal-'));
    let said: { name: string; lastLines: string[] } | undefined;
    const services = await startServices(
      [{ name: 'refusing', entry: 'deploy/local/src/__testsupport__/refusesConfiguration.ts' }],
      {
        repoRoot,
        env: { ...process.env, OTEL_SDK_DISABLED: 'true' },
        log: createLogger('test', { level: 'error' }),
        output: { kind: 'files', dir },
        onConfigurationRefused: (name, lastLines) => (said = { name, lastLines }),
      },
    );
    try {
      const deadline = Date.now() + 25_000;
      while (!said && Date.now() < deadline) await sleep(100);
      expect(said?.name).toBe('refusing');
      expect(said?.lastLines).toEqual([
        'refusing-fixture cannot start: its configuration is invalid',
        '  FF_FIXTURE_REQUIRED: is required by this fixture',
      ]);
      await sleep(1_500); // a restart would come after 500 ms
      expect(services.pid('refusing')).toBeUndefined();
    } finally {
      await services.stop();
    }
  });
});
