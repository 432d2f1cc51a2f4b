/* eslint-disable no-restricted-imports -- the test compares with the files checked in */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuzzForgeEvent, runFindingSubject } from '../src/index';
import { eventCatalogue, eventSchemaFiles } from './eventCatalogue';
import { eventSchemasDir, formattedEventSchemaFiles } from './writeEventSchemas';

const regenerate = 'run `npm run event-schemas` and commit contracts/schemas/events/';

describe('checked-in event JSON Schemas', () => {
  it('are exactly what the zod event schemas generate', async () => {
    const expected = await formattedEventSchemaFiles();
    const onDisk = (await readdir(eventSchemasDir)).filter((n) => n.endsWith('.json')).sort();
    expect(onDisk, `files differ: ${regenerate}`).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) {
      const stored = await readFile(path.join(eventSchemasDir, name), 'utf8');
      expect(stored, `contracts/schemas/events/${name} is stale: ${regenerate}`).toBe(text);
    }
  });

  it('cover every event type and version once', () => {
    const keys = eventCatalogue.map((e) => `${e.type}.${e.version}`);
    expect(new Set(keys).size).toBe(FuzzForgeEvent.options.length);
    expect(eventCatalogue.find((e) => e.type === 'ff.run.finding')).toEqual({
      type: 'ff.run.finding',
      version: 'v1',
      subject: runFindingSubject('{runId}'),
      stream: 'FF_RUN_EVENTS',
      schema: 'ff.run.finding.v1.json',
    });
  });

  it('accept an event carrying a field added later, as consumers must', () => {
    const schema = JSON.parse(eventSchemaFiles().get('ff.run.started.v1.json')!) as {
      additionalProperties?: unknown;
      properties: { data: { additionalProperties?: unknown } };
    };
    expect(schema.additionalProperties).toBeUndefined();
    expect(schema.properties.data.additionalProperties).toBeUndefined();
    // and zod, which the platform's own consumers use, strips it rather than failing
    const started = {
      specversion: '1.0',
      id: '01J0000000000000000000000A',
      type: 'ff.run.started',
      source: 'test',
      time: '2026-01-01T00:00:00Z',
      subject: 'r1',
      datacontenttype: 'application/json',
      version: 'v1',
      data: { runId: 'r1', workflow: 'w', worker: 'x', startedAt: '2026-01-01T00:00:00Z', later: 1 },
    };
    expect(FuzzForgeEvent.safeParse(started).success).toBe(true);
  });

  it('are each named in contracts/EVENTS.md', async () => {
    const doc = await readFile(path.join(eventSchemasDir, '..', '..', 'EVENTS.md'), 'utf8');
    for (const e of eventCatalogue) expect(doc, `EVENTS.md lacks ${e.schema}`).toContain(e.schema);
  });
});
