import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { installInMemoryTracing } from './testing/inMemoryTracing';

installInMemoryTracing();

function capture(level: 'debug' | 'info' = 'debug') {
  const lines: string[] = [];
  const log = createLogger('api', {
    level,
    write: (line) => lines.push(line),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
  });
  return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON line per call with time, level, service, msg and the fields', () => {
    const { log, lines, records } = capture();
    log.info('run started', { runId: 'r1', attempt: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(records()[0]).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      level: 'info',
      service: 'api',
      msg: 'run started',
      runId: 'r1',
      attempt: 2,
    });
  });

  it('uses the level names the supervisor reads, and filters below the level', () => {
    const { log, records } = capture('info');
    log.debug('hidden');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(records().map((r) => r['level'])).toEqual(['info', 'warn', 'error']);
  });

  it('keeps child fields on every line of the child', () => {
    const { log, records } = capture();
    log.child({ consumer: 'projector' }).child({ runId: 'r2' }).warn('slow');
    expect(records()[0]).toMatchObject({ consumer: 'projector', runId: 'r2', msg: 'slow', level: 'warn' });
  });

  it('serialises errors with message, stack and cause', () => {
    const { log, records } = capture();
    log.error('failed', { err: new Error('outer', { cause: new TypeError('inner') }) });
    const err = records()[0]?.['err'] as Record<string, unknown>;
    expect(err).toMatchObject({
      name: 'Error',
      message: 'outer',
      cause: { name: 'TypeError', message: 'inner' },
    });
    expect(err['stack']).toMatch(/^Error: outer\n/);
  });

  it('adds trace_id, span_id and trace_flags inside a span, and none outside', () => {
    const { log, records } = capture();
    trace.getTracer('t').startActiveSpan('handle', (active) => {
      log.info('inside');
      active.end();
    });
    log.info('outside');
    const [inside, outside] = records();
    expect(inside?.['trace_id']).toMatch(/^[0-9a-f]{32}$/);
    expect(inside?.['span_id']).toMatch(/^[0-9a-f]{16}$/);
    expect(inside?.['trace_flags']).toBe('01');
    expect(outside).not.toHaveProperty('trace_id');
  });
});

describe('createLogger never writes a secret', () => {
  const secrets = {
    apiKey: 'ffk_01JABCDEFGHJKMNPQRSTVWXYZ0_s3cr3tpart',
    webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+/R0CxL7Q=',
    natsPassword: 'natsPa55word',
    pgPassword: 'pgPa55word',
    awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    awsKeyId: 'AKIAIOSFODNN7EXAMPLE',
    bearer: 'eyJhbGciOiJIUzI1NiJ9.payloadpart.signaturepart',
    plain: 'hunter2-plain-password',
    natsToken: 'natsTok3nValue',
    admin: 'bootstrapAdminValue42',
  };

  it('redacts secrets in fields, nested objects, arrays, errors, URLs, messages and child bindings', () => {
    const { log, lines } = capture();
    const err = Object.assign(new Error(`connect to postgres://ff:${secrets.pgPassword}@db:5432/ff failed`), {
      config: { password: secrets.plain },
    });
    err.cause = new Error(`key ${secrets.apiKey} rejected`);

    // Top level, by field name.
    log.info('keys', {
      key: secrets.apiKey,
      apiKey: secrets.apiKey,
      secret: secrets.webhookSecret,
      password: secrets.plain,
      token: secrets.natsToken,
      authorization: `Bearer ${secrets.bearer}`,
      cookie: `session=${secrets.plain}`,
      accessKeyId: secrets.awsKeyId,
      secretAccessKey: secrets.awsSecret,
      FF_BOOTSTRAP_ADMIN_KEY: secrets.admin,
      S3_SECRET_ACCESS_KEY: secrets.awsSecret,
    });
    // Nested and in arrays.
    log.warn('nested', {
      request: { headers: { 'x-api-key': secrets.apiKey, Authorization: `Basic ${secrets.bearer}` } },
      subscriptions: [{ url: 'https://hooks.example', signingSecret: secrets.webhookSecret }],
      s3: { credentials: { accessKeyId: secrets.awsKeyId, secretAccessKey: secrets.awsSecret } },
    });
    // In URLs and free text, under innocent names.
    log.info('env', {
      DATABASE_URL: `postgres://ff:${secrets.pgPassword}@127.0.0.1:5432/ff`,
      NATS_URL: `nats://ff:${secrets.natsPassword}@127.0.0.1:4222`,
      NATS_TOKEN_URL: `nats://${secrets.natsToken}@127.0.0.1:4222`,
      note: `retrying with ${secrets.apiKey} and ${secrets.webhookSecret}`,
      conn: `host=db user=ff password=${secrets.plain} dbname=ff`,
      url: new URL(`https://u:${secrets.plain}@example.com/?token=${secrets.natsToken}`),
    });
    // In an error (message, stack, own fields, cause) and in the message itself.
    log.error(`failed for nats://ff:${secrets.natsPassword}@host with ${secrets.apiKey}`, { err });
    // In child bindings.
    log.child({ adminKey: secrets.admin, source: `postgres://ff:${secrets.pgPassword}@h/ff` }).info('child');

    expect(lines).toHaveLength(5);
    const output = lines.join('\n');
    for (const [name, value] of Object.entries(secrets)) {
      expect(output, `${name} leaked`).not.toContain(value);
    }
    // Redacted, not dropped: what is not secret stays useful.
    expect(output).toContain('postgres://ff:[redacted]@127.0.0.1:5432/ff');
    expect(output).toContain('https://hooks.example');
    expect(output).toContain('[redacted]');
  });

  it('keeps values that only look like secret names', () => {
    const { log, records } = capture();
    log.info('cache', { s3Key: 'targets/abc', tokens: 3, keyCount: 2, target: 'ffk-like-but-not' });
    expect(records()[0]).toMatchObject({
      s3Key: 'targets/abc',
      tokens: 3,
      keyCount: 2,
      target: 'ffk-like-but-not',
    });
  });

  it('survives cycles', () => {
    const { log, records } = capture();
    const loop: Record<string, unknown> = { name: 'a' };
    loop['self'] = loop;
    log.info('cycle', { loop });
    expect(records()[0]).toMatchObject({ loop: { name: 'a', self: '[circular]' } });
  });
});
