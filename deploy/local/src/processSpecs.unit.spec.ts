import { describe, expect, it } from 'vitest';
import {
  initdbArgs,
  natsConfigText,
  natsProcess,
  postgresProcess,
  s3IdentitiesJson,
  s3Process,
  temporalProcess,
} from './processSpecs';
import { stackConfigFromEnv } from './stackConfig';

const config = stackConfigFromEnv({}, '/repo', 'test');
const users = {
  platform: { user: 'fuzzforge', password: 'platform-password-0123' },
  subscriber: { user: 'subscriber', password: 'reader-password-0123' },
};
const binaries = { postgres: '/pg/bin/postgres', initdb: '/pg/bin/initdb' };

/** The value following `flag` in an argv. */
const after = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

describe('nats', () => {
  it('binds loopback, serves monitoring and keeps JetStream on disk under the data dir', () => {
    const text = natsConfigText(config, users);
    expect(text).toContain('listen: "127.0.0.1:14222"');
    expect(text).toContain('http: "127.0.0.1:18222"');
    expect(text).toContain('store_dir: "/repo/.stack/test/nats"');
    expect(text).not.toContain('sync_interval');
    expect(text).toContain('max_payload: 1048576');
    expect(natsProcess(config, users)).toMatchObject({
      command: '/repo/.stack/venv/bin/nats-server',
      args: ['-c', '/repo/.stack/test/nats.conf'],
      files: [{ path: '/repo/.stack/test/nats.conf', content: text }],
    });
  });

  it('lets the platform user do anything and the subscriber only read the event streams', () => {
    const text = natsConfigText(config, users);
    expect(text).toMatch(
      /authorization \{\s+users: \[\s+\{ user: "fuzzforge", password: "platform-password-0123" \}/,
    );
    const reader = text.slice(text.indexOf('"subscriber"'));
    expect(reader).toContain(
      'subscribe: { allow: ["ff.targets.>", "ff.runs.>", "ff.run.>", "ff.findings.>", "ff.webhooks.>", "_INBOX.>"] }',
    );
    expect(reader).toContain('"$JS.API.CONSUMER.CREATE.FF_RUN_EVENTS.>"');
    // the legacy create names the consumer in its body, where no deny rule can see it
    expect(reader).not.toContain('"$JS.API.CONSUMER.CREATE.FF_RUN_EVENTS"');
    expect(reader).not.toMatch(/"ff\.[^"]*"[^\n]*\n[^\n]*subscribe/); // no ff.* in the publish allow list
    expect(reader).not.toMatch(/STREAM\.(CREATE|UPDATE|DELETE|PURGE)|CONSUMER\.DELETE|FF_DLQ/);
    expect(reader).toContain(
      'deny: ["$JS.API.CONSUMER.CREATE.*.dispatcher", "$JS.API.CONSUMER.CREATE.*.dispatcher.>"',
    );
  });

  it('fsyncs every write when asked to', () => {
    expect(natsConfigText({ ...config, natsSyncAlways: true }, users)).toMatch(
      /jetstream \{[^}]*sync_interval: always/,
    );
  });
});

describe('temporal', () => {
  it('pins every port it opens and persists to the data dir', () => {
    const { command, args } = temporalProcess(config);
    expect(command).toBe('/repo/.stack/venv/bin/temporal');
    expect(args.slice(0, 2)).toEqual(['server', 'start-dev']);
    expect(args).toContain('--headless');
    expect(after(args, '--ip')).toBe('127.0.0.1');
    expect(after(args, '--port')).toBe('17233');
    expect(after(args, '--http-port')).toBe('17243');
    expect(after(args, '--metrics-port')).toBe('17244');
    expect(after(args, '--db-filename')).toBe('/repo/.stack/test/temporal.db');
  });
});

describe('s3', () => {
  it('runs weed mini on loopback with every HTTP and gRPC port pinned and nothing phoning home', () => {
    const { command, args } = s3Process(config);
    expect(command).toBe('/repo/.stack/venv/bin/weed');
    expect(args[0]).toBe('mini');
    expect(args).toEqual(
      expect.arrayContaining([
        '-dir=/repo/.stack/test/s3',
        '-ip.bind=127.0.0.1',
        '-s3.port=20333',
        '-s3.port.grpc=30333',
        '-master.port=20334',
        '-master.port.grpc=30334',
        '-admin.port.grpc=30337',
        '-s3.config=/repo/.stack/test/s3-identities.json',
        '-master.telemetry=false',
      ]),
    );
  });

  it('cleans up the sockets weed leaves in /tmp for its ports', () => {
    expect(s3Process(config).leftovers).toEqual([
      '/tmp/seaweedfs-s3-20333.sock',
      '/tmp/seaweedfs-s3-grpc-30333.sock',
      '/tmp/seaweedfs-admin-grpc-30337.sock',
    ]);
  });

  it('declares exactly the configured identity', () => {
    const custom = { ...config, s3: { accessKeyId: 'AK', secretAccessKey: 'SK', region: 'x' } };
    const parsed = JSON.parse(s3IdentitiesJson(custom)) as {
      identities: { credentials: { accessKey: string; secretKey: string }[] }[];
    };
    expect(parsed.identities).toHaveLength(1);
    expect(parsed.identities[0]?.credentials).toEqual([{ accessKey: 'AK', secretKey: 'SK' }]);
    expect(s3Process(custom).files[0]?.content).toBe(s3IdentitiesJson(custom));
  });
});

describe('postgres', () => {
  it('listens on loopback TCP only and stops with SIGINT (fast shutdown)', () => {
    const spec = postgresProcess(config, binaries, undefined);
    expect(spec.command).toBe('/pg/bin/postgres');
    expect(after(spec.args, '-D')).toBe('/repo/.stack/test/pg');
    expect(after(spec.args, '-p')).toBe('15433');
    expect(spec.args).toContain('listen_addresses=127.0.0.1');
    expect(spec.args).toContain('unix_socket_directories=');
    expect(spec.stopSignal).toBe('SIGINT');
    expect(spec.runAs).toBeUndefined();
  });

  it('runs as the given OS user when there is one', () => {
    expect(postgresProcess(config, binaries, { uid: 101, gid: 104 }).runAs).toEqual({ uid: 101, gid: 104 });
  });

  it('initialises the cluster with the configured superuser and password authentication', () => {
    const args = initdbArgs(config);
    expect(args).toContain('--pgdata=/repo/.stack/test/pg');
    expect(args).toContain('--username=fuzzforge');
    expect(args).toContain('--auth=scram-sha-256');
    expect(args.find((a) => a.startsWith('--pwfile='))).toBeDefined();
  });
});
