/* eslint-disable no-restricted-imports, no-restricted-globals -- a runnable example: it talks to NATS and reads argv/env */
/**
 * Follows one project's FuzzForge events on NATS and prints one line per event (contracts/EVENTS.md).
 *
 *   NATS_URL=nats://subscriber:<password>@127.0.0.1:4222 npx tsx contracts/examples/followProject.ts <project> [--from-start]
 *
 * Read-only: ordered consumers (ephemeral, no acks) on the event streams, and direct gets. Run events
 * carry only their run id, so a run's project is read once from its `ff.run.requested` event in FF_RUNS.
 */
import { parseArgs } from 'node:util';
import { DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { FuzzForgeEvent, runRequestedSubject, streams } from '../src/index';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'from-start': { type: 'boolean', default: false } },
});
const project = positionals[0];
if (!project) {
  process.stderr.write(
    'usage: followProject.ts <project> [--from-start]   (NATS_URL carries the credentials)\n',
  );
  process.exit(2);
}

// nats.js takes credentials as options, not inside the URL.
const url = new URL(process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222');
const nc = await connect({
  servers: `${url.hostname}:${url.port || 4222}`,
  user: decodeURIComponent(url.username) || undefined,
  pass: decodeURIComponent(url.password) || undefined,
  name: `follow-project-${project}`,
});
const js = jetstream(nc);
const jsm = await jetstreamManager(nc);

const projectOfRun = new Map<string, string>();
/** Events from before projects existed carry none: they belong to `default`. */
async function runProject(runId: string): Promise<string | undefined> {
  if (!projectOfRun.has(runId)) {
    const stored = await jsm.direct.getMessage(streams.runs.name, {
      last_by_subj: runRequestedSubject(runId),
    });
    const parsed = stored ? FuzzForgeEvent.safeParse(stored.json()) : undefined;
    if (parsed?.data?.type !== 'ff.run.requested') return undefined;
    projectOfRun.set(runId, parsed.data.data.project ?? 'default');
  }
  return projectOfRun.get(runId);
}

async function projectOf(event: FuzzForgeEvent): Promise<string | undefined> {
  switch (event.type) {
    case 'ff.target.uploaded':
      return event.data.project ?? 'default';
    case 'ff.run.requested':
      projectOfRun.set(event.data.runId, event.data.project ?? 'default');
      return projectOfRun.get(event.data.runId);
    case 'ff.finding.triaged':
      return event.data.project;
    case 'ff.webhook.disabled':
    case 'ff.webhook.ping':
      return undefined;
    default:
      return runProject(event.data.runId);
  }
}

function summary(event: FuzzForgeEvent): string {
  switch (event.type) {
    case 'ff.target.uploaded':
      return `target ${event.data.targetId} ${event.data.filename ?? ''} (${event.data.size} bytes)`;
    case 'ff.run.requested':
      return `run ${event.data.runId} ${event.data.workflow} on target ${event.data.targetId}`;
    case 'ff.run.cancel-requested':
      return `run ${event.data.runId}: ${event.data.reason}`;
    case 'ff.run.started':
      return `run ${event.data.runId} on ${event.data.worker}`;
    case 'ff.run.progress':
      return `run ${event.data.runId} ${event.data.step}: ${event.data.message}`;
    case 'ff.run.finding': {
      const f = event.data.finding;
      return `run ${event.data.runId} ${f.severity} ${f.ruleId} ${f.location.path}:${f.location.startLine ?? ''}`;
    }
    case 'ff.run.completed':
      return `run ${event.data.runId} ${event.data.findingCount} findings`;
    case 'ff.run.failed':
      return `run ${event.data.runId} ${event.data.error.code}: ${event.data.error.message}`;
    case 'ff.run.cancelled':
      return `run ${event.data.runId}: ${event.data.reason}`;
    case 'ff.finding.triaged':
      return `finding ${event.data.findingId} ${event.data.status}`;
    case 'ff.webhook.disabled':
      return `webhook ${event.data.webhookId} disabled (${event.data.reason})`;
    case 'ff.webhook.ping':
      return `webhook ${event.data.webhookId} pinged`;
  }
}

async function handle(msg: JsMsg): Promise<void> {
  const parsed = FuzzForgeEvent.safeParse(msg.json());
  // An event type or version this build does not know: skip it, as every consumer must.
  if (!parsed.success) return;
  const event = parsed.data;
  if ((await projectOf(event)) !== project) return;
  process.stdout.write(`${event.time} ${event.type}.${event.version} ${summary(event)}\n`);
}

/**
 * One ordered consumer per stream: each stream keeps its own order, streams are not ordered together.
 * The filter is one string: with an array nats.js uses a consumer-create request the read-only user
 * may not send (EVENTS.md, "How to subscribe").
 */
async function follow(stream: string, subject: string): Promise<() => Promise<void>> {
  const consumer = await js.consumers.get(stream, {
    filter_subjects: subject,
    deliver_policy: values['from-start'] ? DeliverPolicy.All : DeliverPolicy.New,
  });
  const messages = await consumer.consume();
  return async () => {
    for await (const msg of messages) await handle(msg);
  };
}

process.once('SIGINT', () => void nc.close());
process.once('SIGTERM', () => void nc.close());
const followed = [streams.targets, streams.runs, streams.runEvents, streams.findings];
const loops = await Promise.all(followed.map((s) => follow(s.name, s.subjects[0])));
process.stderr.write(`following project ${project} on ${url.host}\n`);
await Promise.all(loops.map((loop) => loop()));
