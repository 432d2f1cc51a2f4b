import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { streams } from '@fuzzforge/contracts';

const Credentials = z.object({ user: z.string().min(1), password: z.string().min(16) });
export type NatsCredentials = z.infer<typeof Credentials>;

/** The two NATS identities of a stack: the platform services, and read-only external subscribers. */
export const NatsUsers = z.object({ platform: Credentials, subscriber: Credentials });
export type NatsUsers = z.infer<typeof NatsUsers>;

/** Where a stack keeps its generated NATS passwords: beside its data, so both go together. */
export const natsUsersFile = (dataDir: string): string => path.join(dataDir, 'nats-users.json');

const generate = (): NatsUsers => ({
  platform: { user: 'fuzzforge', password: randomBytes(24).toString('base64url') },
  subscriber: { user: 'subscriber', password: randomBytes(24).toString('base64url') },
});

/**
 * The stack's NATS users: generated on first use and kept (mode 0600) in the data directory, so every
 * later start, and the tests, use the passwords the running server knows.
 */
export async function natsUsersOf(dataDir: string): Promise<NatsUsers> {
  const file = natsUsersFile(dataDir);
  const read = (): Promise<string | undefined> =>
    readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
  const stored = await read();
  if (stored) return NatsUsers.parse(JSON.parse(stored));
  await mkdir(dataDir, { recursive: true });
  // Written aside, then linked into place: link() creates atomically or fails, so a concurrent start
  // never reads a half-written file, and the first one to link wins.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, JSON.stringify(generate(), null, 2) + '\n', { mode: 0o600 });
  try {
    await link(draft, file).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  } finally {
    await rm(draft, { force: true });
  }
  return NatsUsers.parse(JSON.parse((await read()) ?? ''));
}

/** `nats://host:port` with the user's credentials in it, the form NATS_URL takes (see connectNats). */
export function natsUrlFor(url: string, who: NatsCredentials): string {
  const u = new URL(url);
  u.username = encodeURIComponent(who.user);
  u.password = encodeURIComponent(who.password);
  return u.toString().replace(/\/$/, '');
}

/** The streams an external subscriber may read: all but the DLQ, whose poison may hold anything. */
export const subscriberStreams = Object.entries(streams)
  .filter(([key]) => key !== 'dlq')
  .map(([, s]) => s);

/**
 * The platform's durable consumers. A consumer create request doubles as an update when the name
 * exists, so the subscriber is denied these names: it could otherwise re-filter the dispatcher's
 * consumer. A new platform durable belongs here.
 */
export const platformConsumers = [
  'dispatcher',
  'projector-targets',
  'projector-runs',
  'projector-run-events',
  'projector-findings',
  'webhooks-targets',
  'webhooks-runs',
  'webhooks-run-events',
  'webhooks-findings',
  'webhooks-webhooks',
] as const;

/**
 * Subject permissions of the read-only user: subscribe to the event subjects and its own inboxes,
 * and publish only the JetStream API requests an ordered (ephemeral, ack-less) consumer needs. No
 * `ff.>` publish, no stream create/update/delete/purge, no message delete, no consumer delete.
 */
export function subscriberPermissions(): { publish: string[]; publishDeny: string[]; subscribe: string[] } {
  const names = subscriberStreams.map((s) => s.name);
  return {
    publishDeny: platformConsumers.flatMap((c) => [
      `$JS.API.CONSUMER.CREATE.*.${c}`,
      `$JS.API.CONSUMER.CREATE.*.${c}.>`,
    ]),
    publish: [
      '$JS.API.INFO',
      ...names.flatMap((n) => [
        `$JS.API.STREAM.INFO.${n}`,
        // Only the named form. The legacy `CREATE.<stream>` takes the name from the request body, so
        // no subject deny could keep a reader from updating a platform durable through it (nats.js
        // uses it for an array `filter_subjects`: readers pass one filter as a string).
        `$JS.API.CONSUMER.CREATE.${n}.>`,
        `$JS.API.CONSUMER.INFO.${n}.*`,
        `$JS.API.CONSUMER.MSG.NEXT.${n}.*`,
        `$JS.API.DIRECT.GET.${n}`,
        `$JS.API.DIRECT.GET.${n}.>`,
      ]),
    ],
    subscribe: [...subscriberStreams.flatMap((s) => s.subjects), '_INBOX.>'],
  };
}

const quoted = (values: string[]): string => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

/** The `authorization` block of nats.conf: the platform user has every right, the subscriber reads. */
export function natsAuthorizationText(users: NatsUsers): string[] {
  const p = subscriberPermissions();
  return [
    'authorization {',
    '  users: [',
    `    { user: ${JSON.stringify(users.platform.user)}, password: ${JSON.stringify(users.platform.password)} }`,
    `    { user: ${JSON.stringify(users.subscriber.user)}, password: ${JSON.stringify(users.subscriber.password)},`,
    '      permissions: {',
    `        publish: { allow: ${quoted(p.publish)}, deny: ${quoted(p.publishDeny)} }`,
    `        subscribe: { allow: ${quoted(p.subscribe)} }`,
    '      } }',
    '  ]',
    '}',
  ];
}
