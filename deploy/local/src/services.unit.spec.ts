import { describe, expect, it } from 'vitest';
import { metricsPortFile, platformServices, serviceArgv } from './services';

const verticals = [{ name: 'secrets', entry: 'workers/secrets/src/main.ts' }];
const secrets = {
  adminKey: 'k'.repeat(24),
  webhookSecretKeys: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('platformServices', () => {
  it('names each process, gives it a port file, and free ports on a test platform', () => {
    const specs = platformServices(verticals, '/data', secrets, 'ephemeral');
    expect(specs.map((s) => s.name)).toEqual([
      'api',
      'dispatcher',
      'projector',
      'webhooks',
      'worker-secrets',
    ]);
    for (const spec of specs) {
      expect(spec.env).toMatchObject({
        FF_SERVICE_NAME: spec.name,
        FF_METRICS_PORT: '0',
        FF_METRICS_PORT_FILE: `/data/metrics/${spec.name}.port`,
      });
    }
    expect(metricsPortFile('/data', 'api')).toBe('/data/metrics/api.port');
  });

  it('uses the fixed port plan that Prometheus scrapes for `npm start`', () => {
    const specs = platformServices(verticals, '/data', secrets, 'plan');
    const ports = Object.fromEntries(specs.map((s) => [s.name, s.env?.['FF_METRICS_PORT']]));
    expect(ports).toEqual({
      api: '9464',
      dispatcher: '9465',
      projector: '9466',
      webhooks: '9467',
      'worker-secrets': '9470',
    });
  });

  it('gives the admin key to the API only, and the sealing keys to the API and the webhooks service only', () => {
    const specs = platformServices(verticals, '/data', secrets, 'ephemeral');
    const holders = (name: string) => specs.filter((s) => s.env?.[name] !== undefined).map((s) => s.name);
    expect(holders('FF_BOOTSTRAP_ADMIN_KEY')).toEqual(['api']);
    expect(holders('FF_WEBHOOK_SECRET_KEYS')).toEqual(['api', 'webhooks']);
    expect(specs.find((s) => s.name === 'webhooks')?.env?.['FF_WEBHOOK_SECRET_KEYS']).toBe(
      secrets.webhookSecretKeys,
    );
  });

  it('loads the observability bootstrap before the entry point, in every process', () => {
    const [api, , , , worker] = platformServices(verticals, '/data', secrets, 'plan');
    expect(serviceArgv(api!)).toEqual([
      '--import',
      'tsx',
      '--import',
      '@fuzzforge/observability/register',
      'services/api/src/main.ts',
    ]);
    expect(serviceArgv(worker!).slice(2)).toEqual([
      '--import',
      '@fuzzforge/observability/register',
      'workers/secrets/src/main.ts',
    ]);
  });
});
