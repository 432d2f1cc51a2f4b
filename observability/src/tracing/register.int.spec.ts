import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startOtlpReceiver } from '../testing/otlpReceiver';

const run = promisify(execFile);
const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = path.join(here, 'fixtures', 'tracedProcess.ts');
const observabilityRoot = path.resolve(here, '../..');

/** Runs the fixture the way deploy/local starts every process: tsx first, then our register module. */
async function runFixture(env: Record<string, string>): Promise<void> {
  await run(process.execPath, ['--import', 'tsx', '--import', '@fuzzforge/observability/register', fixture], {
    cwd: observabilityRoot,
    env: { PATH: process.env['PATH'], FIXTURE_DATABASE_URL: inject('serviceEnv')['DATABASE_URL']!, ...env },
    timeout: 30_000,
  });
}

describe('register (node --import tsx --import @fuzzforge/observability/register)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('exports http server, http client, fetch and pg spans of an ESM TypeScript entry point', async () => {
    const receiver = await startOtlpReceiver();
    close = () => receiver.close();

    await runFixture({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      FF_SERVICE_NAME: 'fixture-service',
      FF_SERVICE_VERSION: '9.9.9',
    });

    const byScope = (scope: string) => receiver.spans.filter((s) => s.scope === scope);
    const http = byScope('@opentelemetry/instrumentation-http');
    const server = http.filter((s) => s.kind === 2);
    const client = http.filter((s) => s.kind === 3);
    expect(server).toHaveLength(2);
    expect(client).toHaveLength(1);
    // The client's traceparent reached the server: one trace, server span parented to the client's.
    expect(server.some((s) => s.traceId === client[0]?.traceId && s.parentSpanId === client[0]?.spanId)).toBe(
      true,
    );
    expect(byScope('@opentelemetry/instrumentation-undici')).toHaveLength(1);
    // The query is a child of the work it was made for; connection checkouts are not spans.
    const work = receiver.spans.find((s) => s.name === 'project an event');
    const pgSpans = byScope('@opentelemetry/instrumentation-pg');
    expect(pgSpans.map((s) => s.name)).toEqual([expect.stringMatching(/^pg\.query:SELECT/)]);
    expect(pgSpans[0]?.parentSpanId).toBe(work?.spanId);
    for (const span of receiver.spans) {
      expect(span.resource).toMatchObject({
        'service.name': 'fixture-service',
        'service.version': '9.9.9',
        'service.instance.id': expect.stringMatching(/^.+:\d+$/) as unknown,
      });
    }
  });

  it('sends nothing when OTEL_SDK_DISABLED=true', async () => {
    const receiver = await startOtlpReceiver();
    close = () => receiver.close();

    await runFixture({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: 'true' });

    expect(receiver.spans).toEqual([]);
  });
});
