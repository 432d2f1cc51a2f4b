import { describe, expect, it } from 'vitest';
import { endpointsOf, endpointsToEnv } from './endpoints';
import { stackConfigFromEnv } from './stackConfig';

describe('endpoints', () => {
  it('points every client at 127.0.0.1 on the configured ports', () => {
    const config = stackConfigFromEnv({}, '/repo', 'test');
    expect(endpointsOf(config)).toEqual({
      natsUrl: 'nats://127.0.0.1:14222',
      natsSubscriberUrl: 'nats://127.0.0.1:14222',
      temporalAddress: '127.0.0.1:17233',
      s3Endpoint: 'http://127.0.0.1:20333',
      s3Region: 'us-east-1',
      s3AccessKeyId: 'fuzzforge',
      s3SecretAccessKey: 'fuzzforge-secret',
      databaseUrl: 'postgres://fuzzforge:fuzzforge@127.0.0.1:15433/fuzzforge',
    });
  });

  it('escapes credentials in the database URL so it still parses', () => {
    const config = stackConfigFromEnv({ FF_POSTGRES_PASSWORD: 'p@ss/w:rd#1' }, '/repo', 'dev');
    const url = new URL(endpointsOf(config).databaseUrl);
    expect(decodeURIComponent(url.password)).toBe('p@ss/w:rd#1');
    expect(url.port).toBe('5433');
    expect(url.pathname).toBe('/fuzzforge');
  });

  it('puts each NATS user into its URL, escaped so it still parses', () => {
    const config = stackConfigFromEnv({}, '/repo', 'test');
    const users = {
      platform: { user: 'fuzzforge', password: 'p@ss/w:rd#1-long-enough' },
      subscriber: { user: 'subscriber', password: 'reader-password-0123' },
    };
    const e = endpointsOf(config, users);
    const platform = new URL(e.natsUrl);
    expect([platform.username, decodeURIComponent(platform.password), platform.port]).toEqual([
      'fuzzforge',
      'p@ss/w:rd#1-long-enough',
      '14222',
    ]);
    expect(e.natsSubscriberUrl).toBe('nats://subscriber:reader-password-0123@127.0.0.1:14222');
  });

  it('exports the variable names the services read', () => {
    const env = endpointsToEnv(endpointsOf(stackConfigFromEnv({}, '/repo', 'dev')));
    expect(Object.keys(env).sort()).toEqual([
      'DATABASE_URL',
      'NATS_SUBSCRIBER_URL',
      'NATS_URL',
      'S3_ACCESS_KEY_ID',
      'S3_ENDPOINT',
      'S3_REGION',
      'S3_SECRET_ACCESS_KEY',
      'TEMPORAL_ADDRESS',
    ]);
    expect(env.NATS_URL).toBe('nats://127.0.0.1:4222');
  });
});
