import { streams } from '@fuzzforge/contracts';

/** One stream fanned out to webhooks, and its durable consumer (reserved in deploy/local natsUsers). */
export interface FannedStream {
  stream: string;
  subject: string;
  consumer: string;
}

/** Every event stream, DLQ aside: a webhook may ask for any event type. */
export const fannedStreams: readonly FannedStream[] = [
  { stream: streams.targets.name, subject: streams.targets.subjects[0], consumer: 'webhooks-targets' },
  { stream: streams.runs.name, subject: streams.runs.subjects[0], consumer: 'webhooks-runs' },
  { stream: streams.runEvents.name, subject: streams.runEvents.subjects[0], consumer: 'webhooks-run-events' },
  { stream: streams.findings.name, subject: streams.findings.subjects[0], consumer: 'webhooks-findings' },
  { stream: streams.webhooks.name, subject: streams.webhooks.subjects[0], consumer: 'webhooks-webhooks' },
];
