import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver } from '../testing/otlpReceiver';

const run = promisify(execFile);
const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = path.join(here, 'fixtures', 'tracedProcess.ts');
const observabilityRoot = path.resolve(here, '../..');

/** A port nothing listens on: bound, then released, so a pg connect to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs the fixture the way deploy/local starts every process: tsx first, then our register module. */
async function runFixture(env: Record<string, string>): Promise<void> {
  await run(process.execPath, ['--import', 'tsx', '--import', '@fuzzforge/observability/register', fixture], {
    cwd: observabilityRoot,
    env: { PATH: process.env['PATH'], FIXTURE_CLOSED_PORT: String(await closedPort()), ...env },
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
    expect(byScope('@opentelemetry/instrumentation-pg').map((s) => s.name)).toContain('pg.connect');
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
