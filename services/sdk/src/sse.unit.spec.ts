import { describe, expect, it } from 'vitest';
import { parseEventStream, type ServerSentEvent } from './sse';

async function parse(chunks: string[]): Promise<ServerSentEvent[]> {
  const encoder = new TextEncoder();
  const events: ServerSentEvent[] = [];
  for await (const e of parseEventStream(chunks.map((c) => encoder.encode(c)))) events.push(e);
  return events;
}

describe('parseEventStream', () => {
  it('reads id, event and data, across chunk boundaries and line endings', async () => {
    const events = await parse([
      'id: 1\nevent: ff.run.started\nda',
      'ta: {"a":1}\n\n: keep-alive\n\n',
      'id:2\r\ndata: x\r\ndata: y\r\n\r\n',
    ]);
    expect(events).toEqual([
      { id: '1', event: 'ff.run.started', data: '{"a":1}' },
      { id: '2', event: 'message', data: 'x\ny' },
    ]);
  });

  it('splits a multi-byte character across chunks correctly', async () => {
    const bytes = new TextEncoder().encode('data: é\n\n');
    const events: ServerSentEvent[] = [];
    for await (const e of parseEventStream([bytes.subarray(0, 7), bytes.subarray(7)])) events.push(e);
    expect(events[0]?.data).toBe('é');
  });

  it('drops an event that never ended', async () => {
    expect(await parse(['data: half'])).toEqual([]);
  });
});
