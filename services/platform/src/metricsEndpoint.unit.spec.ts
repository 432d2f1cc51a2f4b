import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@fuzzforge/observability';
import { MetricsEnv } from './env';
import { readMetricsPortFile, startProcessMetrics, writeMetricsPortFile } from './metricsEndpoint';

const log = createLogger('test', { level: 'error' });
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('MetricsEnv', () => {
  it('defaults to loopback and the process plan port (unset), and takes 0 for a free port', () => {
    expect(MetricsEnv.parse({})).toEqual({ FF_METRICS_HOST: '127.0.0.1' });
    expect(MetricsEnv.parse({ FF_METRICS_PORT: '', FF_METRICS_PORT_FILE: '' })).toEqual({
      FF_METRICS_HOST: '127.0.0.1',
    });
    expect(MetricsEnv.parse({ FF_METRICS_PORT: '0' }).FF_METRICS_PORT).toBe(0);
    expect(() => MetricsEnv.parse({ FF_METRICS_PORT: '70000' })).toThrow();
  });
});

describe('startProcessMetrics', () => {
  it('serves /metrics on a free port and writes that port with its pid to the port file', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-metrics-'));
    const file = path.join(dir, 'metrics', 'api.port');
    const served = await startProcessMetrics(
      'api',
      MetricsEnv.parse({ FF_METRICS_PORT: '0', FF_METRICS_PORT_FILE: file }),
      log,
    );
    try {
      expect(await readMetricsPortFile(file)).toEqual({ port: served.port, pid: process.pid });
      // Written under a temporary name and renamed: nothing else is left in the directory.
      expect(await readdir(path.dirname(file))).toEqual(['api.port']);
      const body = await (await fetch(`http://127.0.0.1:${served.port}/metrics`)).text();
      expect(body).toContain('process_cpu_seconds_total{service="api"}');
    } finally {
      await served.close();
    }
  });

  it('reads a rewritten file as the new process left it, and nothing from a missing one', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-metrics-'));
    const file = path.join(dir, 'worker-secrets.port');
    expect(await readMetricsPortFile(file)).toBeUndefined();
    await writeMetricsPortFile(file, 40001, 11);
    await writeMetricsPortFile(file, 40002, 12);
    expect(await readMetricsPortFile(file)).toEqual({ port: 40002, pid: 12 });
  });
});
