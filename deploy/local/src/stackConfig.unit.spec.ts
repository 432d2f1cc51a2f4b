import { describe, expect, it } from 'vitest';
import { defaultPorts, portBindings, stackConfigFromEnv } from './stackConfig';

const repo = '/repo';

describe('stackConfigFromEnv', () => {
  it('uses the dev defaults under <repo>/.stack/dev', () => {
    const config = stackConfigFromEnv({}, repo, 'dev');
    expect(config.root).toBe('/repo/.stack');
    expect(config.dataDir).toBe('/repo/.stack/dev');
    expect(config.ports).toMatchObject({ nats: 4222, temporal: 7233, postgres: 5433, s3: 8333 });
    expect(config.s3).toEqual({
      accessKeyId: 'fuzzforge',
      secretAccessKey: 'fuzzforge-secret',
      region: 'us-east-1',
    });
    expect(config.postgres.database).toBe('fuzzforge');
    expect(config.natsSyncAlways).toBe(false);
  });

  it('gives the test profile its own data dir and ports, disjoint from dev gRPC ports included', () => {
    const dev = stackConfigFromEnv({}, repo, 'dev');
    const test = stackConfigFromEnv({}, repo, 'test');
    expect(test.dataDir).toBe('/repo/.stack/test');
    expect(test.root).toBe(dev.root); // the venv is shared
    const devPorts = new Set(portBindings(dev.ports).map((b) => b.port));
    const clashes = portBindings(test.ports).filter((b) => devPorts.has(b.port));
    expect(clashes).toEqual([]);
  });

  it('keeps every test port, gRPC included, below the kernel ephemeral range', () => {
    expect(Math.max(...portBindings(defaultPorts.test).map((b) => b.port))).toBeLessThan(32768);
  });

  it('reads overrides, coercing numbers and flags, and resolves FF_STACK_DIR against the repo', () => {
    const config = stackConfigFromEnv(
      {
        FF_STACK_DIR: 'elsewhere',
        FF_NATS_PORT: '5222',
        FF_NATS_SYNC_ALWAYS: '1',
        FF_S3_REGION: 'eu-west-1',
      },
      repo,
      'test',
    );
    expect(config.root).toBe('/repo/elsewhere');
    expect(config.dataDir).toBe('/repo/elsewhere/test');
    expect(config.ports.nats).toBe(5222);
    expect(config.natsSyncAlways).toBe(true);
    expect(config.s3.region).toBe('eu-west-1');
  });

  it('treats an empty variable as unset', () => {
    expect(stackConfigFromEnv({ FF_NATS_PORT: '', FF_S3_ACCESS_KEY_ID: '' }, repo, 'dev')).toMatchObject({
      ports: { nats: 4222 },
      s3: { accessKeyId: 'fuzzforge' },
    });
  });

  it('rejects a port that is not a port, naming the variable', () => {
    expect(() => stackConfigFromEnv({ FF_POSTGRES_PORT: 'abc' }, repo, 'dev')).toThrow(/FF_POSTGRES_PORT/);
    expect(() => stackConfigFromEnv({ FF_POSTGRES_PORT: '70000' }, repo, 'dev')).toThrow(/FF_POSTGRES_PORT/);
  });

  it('rejects two services on one port, and a SeaweedFS port without room for its gRPC twin', () => {
    expect(() => stackConfigFromEnv({ FF_NATS_PORT: '5433' }, repo, 'dev')).toThrow(
      /5433 is used twice.*FF_POSTGRES_PORT/,
    );
    // the S3 gRPC port is FF_S3_PORT + 10000 = 18333, which the NATS port now also wants
    expect(() => stackConfigFromEnv({ FF_NATS_PORT: '18333' }, repo, 'dev')).toThrow(/18333 is used twice/);
    expect(() => stackConfigFromEnv({ FF_S3_PORT: '60000' }, repo, 'dev')).toThrow(/FF_S3_PORT=60000/);
  });
});
