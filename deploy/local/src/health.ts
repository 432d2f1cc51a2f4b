import { readdir } from 'node:fs/promises';
import net from 'node:net';
import { postgresClient } from './postgresCluster';
import type { StackProcessName } from './processSpecs';
import type { StackConfig } from './stackConfig';
import { StackError } from './stackError';
import { stackPaths } from './stackPaths';
import { logTail, type Supervised } from './supervisor';

export type ProbeResult = { ok: true } | { ok: false; reason: string };
/** One health check: resolves to not-ok while the service is coming up, throws when waiting is pointless. */
export type Probe = () => Promise<ProbeResult>;

const ok: ProbeResult = { ok: true };
const notYet = (reason: string): ProbeResult => ({ ok: false, reason });
const host = '127.0.0.1';

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

async function httpGet(url: string): Promise<{ status: number } | { error: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.arrayBuffer();
    return { status: response.status };
  } catch (error) {
    return { error: describe(error) };
  }
}

async function expectStatus(url: string, status: number): Promise<ProbeResult> {
  const result = await httpGet(url);
  if ('error' in result) return notYet(`GET ${url}: ${result.error}`);
  return result.status === status ? ok : notYet(`GET ${url}: HTTP ${result.status}`);
}

function tcpAccepts(port: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    const done = (result: ProbeResult): void => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => done(ok));
    socket.once('timeout', () => done(notYet(`tcp ${port}: timeout`)));
    socket.once('error', (error) => done(notYet(`tcp ${port}: ${describe(error)}`)));
  });
}

/** SeaweedFS volume ids of the `.dat` files in its data dir (`7.dat`, or `<collection>_7.dat`). */
export function volumeIdsOnDisk(fileNames: readonly string[]): number[] {
  return fileNames.flatMap((name) => {
    const match = /^(?:.+_)?(\d+)\.dat$/.exec(name);
    return match ? [Number(match[1])] : [];
  });
}

// After a restart the master only learns of the volumes on disk from the volume server's heartbeat;
// until then S3 answers, but reading an existing object fails with InternalError ("volume not found").
async function s3VolumesRegistered(config: StackConfig): Promise<ProbeResult> {
  const ids = volumeIdsOnDisk(await readdir(stackPaths(config).s3Data).catch(() => []));
  for (const id of ids) {
    const lookup = await expectStatus(
      `http://${host}:${config.ports.s3Master}/dir/lookup?volumeId=${id}`,
      200,
    );
    if (!lookup.ok) return notYet(`volume ${id} not registered with the master yet`);
  }
  return ok;
}

async function postgresAnswers(config: StackConfig): Promise<ProbeResult> {
  const client = postgresClient(config, 'postgres');
  client.on('error', () => undefined); // a dropped connection surfaces through the query instead
  try {
    await client.connect();
    await client.query('select 1');
    return ok;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '28P01' || code === '28000') {
      throw new StackError(
        'start-failed',
        `postgres rejects user "${config.postgres.user}": the cluster was initialised with other credentials`,
        'set FF_POSTGRES_USER/FF_POSTGRES_PASSWORD back, or delete the pg data dir to start afresh',
        { cause: error },
      );
    }
    return notYet(`postgres: ${describe(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What "ready" means for each service (DESIGN.md §9). */
export function probesFor(config: StackConfig): Record<StackProcessName, Probe> {
  const { ports } = config;
  return {
    nats: () => expectStatus(`http://${host}:${ports.natsMonitor}/healthz?js-enabled-only=true`, 200),
    temporal: async () => {
      const grpc = await tcpAccepts(ports.temporal);
      if (!grpc.ok) return grpc;
      return expectStatus(`http://${host}:${ports.temporalHttp}/api/v1/namespaces/default`, 200);
    },
    s3: async () => {
      const up = await expectStatus(`http://${host}:${ports.s3}/healthz`, 200);
      if (!up.ok) return up;
      const anonymous = await httpGet(`http://${host}:${ports.s3}/`);
      if ('status' in anonymous && anonymous.status === 200) {
        throw new StackError(
          'start-failed',
          'S3 answers unsigned requests: its SigV4 identities were not loaded',
          'check the generated s3-identities.json in the data dir and the s3 log',
        );
      }
      if (!('status' in anonymous && anonymous.status === 403))
        return notYet('S3 does not check credentials yet');
      return s3VolumesRegistered(config);
    },
    postgres: () => postgresAnswers(config),
  };
}

/**
 * Polls `probe` until it passes. Fails with 'start-failed' when the process dies first, and with
 * 'health-timeout' after `timeoutMs`; both carry the tail of the process' log.
 */
export async function waitUntilHealthy(
  child: Supervised,
  probe: Probe,
  options: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let died: { code: number | null; signal: string | null } | undefined;
  void child.exited.then((exit) => (died = exit));
  for (;;) {
    options.signal?.throwIfAborted();
    if (died) {
      const tail = await logTail(child.logFile);
      throw new StackError(
        'start-failed',
        `${child.name} exited while starting (code ${died.code}, signal ${died.signal}):\n${tail}`,
        `read ${child.logFile}`,
      );
    }
    const result = await probe();
    if (result.ok) return;
    if (Date.now() > deadline) {
      const tail = await logTail(child.logFile);
      throw new StackError(
        'health-timeout',
        `${child.name} not healthy after ${Math.round(options.timeoutMs / 1000)}s (last check: ${result.reason}):\n${tail}`,
        `read ${child.logFile}; on a slow machine raise FF_STACK_HEALTH_TIMEOUT_MS`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
