import { z } from 'zod';
import {
  findingTriagedSubject,
  FuzzForgeEvent,
  runCancelledSubject,
  runCancelRequestedSubject,
  runCompletedSubject,
  runFailedSubject,
  runFindingSubject,
  runProgressSubject,
  runRequestedSubject,
  runStartedSubject,
  streams,
  targetUploadedSubject,
  webhookDisabledSubject,
  webhookPingSubject,
} from '../src/index';

/** What a subscriber needs to know about one event type and version. */
export interface CatalogueEntry {
  type: string;
  version: string;
  /** Subject pattern, the aggregate id as a `{placeholder}` (a `*` when filtering). */
  subject: string;
  stream: string;
  /** File name under contracts/schemas/events/. */
  schema: string;
}

/** Each event's subject function, called with its aggregate id's name: the pattern comes from the contract. */
const subjects: Record<FuzzForgeEvent['type'], string> = {
  'ff.target.uploaded': targetUploadedSubject('{targetId}'),
  'ff.run.requested': runRequestedSubject('{runId}'),
  'ff.run.cancel-requested': runCancelRequestedSubject('{runId}'),
  'ff.run.started': runStartedSubject('{runId}'),
  'ff.run.progress': runProgressSubject('{runId}'),
  'ff.run.finding': runFindingSubject('{runId}'),
  'ff.run.completed': runCompletedSubject('{runId}'),
  'ff.run.failed': runFailedSubject('{runId}'),
  'ff.run.cancelled': runCancelledSubject('{runId}'),
  'ff.finding.triaged': findingTriagedSubject('{findingId}'),
  'ff.webhook.disabled': webhookDisabledSubject('{webhookId}'),
  'ff.webhook.ping': webhookPingSubject('{webhookId}'),
};

/** The stream whose subject filter (`ff.x.>`) covers `subject`. */
export function streamOf(subject: string): string {
  const found = Object.values(streams).find((s) =>
    s.subjects.some((f) => subject.startsWith(f.slice(0, -1))),
  );
  if (!found) throw new Error(`no stream stores ${subject}`);
  return found.name;
}

const schemaFile = (type: string, version: string): string => `${type}.${version}.json`;

/** Every member of FuzzForgeEvent, in the union's order. */
export const eventCatalogue: CatalogueEntry[] = FuzzForgeEvent.options.map((schema) => {
  const type = schema.shape.type.value;
  const version = schema.shape.version.value;
  const subject = subjects[type];
  return { type, version, subject, stream: streamOf(subject), schema: schemaFile(type, version) };
});

/**
 * The JSON Schema (draft 2020-12) of every event, keyed by file name, plus `index.json`, as the text
 * checked in under contracts/schemas/events/. Input shapes: optional and defaulted fields are not
 * required, and unknown fields are allowed, so an additive change keeps old validators passing.
 */
export function eventSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [i, schema] of FuzzForgeEvent.options.entries()) {
    const entry = eventCatalogue[i]!;
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
    const document = {
      $schema: json.$schema,
      $id: `urn:fuzzforge:event:${entry.type}:${entry.version}`,
      title: `${entry.type} ${entry.version}`,
      description: `Published on ${entry.subject}, stored in the ${entry.stream} stream. See contracts/EVENTS.md.`,
      ...json,
    };
    files.set(entry.schema, JSON.stringify(document, null, 2) + '\n');
  }
  files.set('index.json', JSON.stringify({ events: eventCatalogue }, null, 2) + '\n');
  return files;
}
