import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  createPlatformMetrics,
  metricsPortPlan,
  serveMetrics,
  type Logger,
  type PlatformMetrics,
} from '@fuzzforge/observability';
import type { MetricsEnv } from './env';

/** A process's metrics registry and the server exposing it. */
export interface ProcessMetrics {
  metrics: PlatformMetrics;
  port: number;
  close(): Promise<void>;
}

/** What a metrics port file holds: the port, and the pid that bound it (a restarted process rewrites it). */
export interface MetricsPortFile {
  port: number;
  pid: number;
}

const planned = (service: string): number | undefined =>
  (metricsPortPlan as Record<string, number | undefined>)[service];

/**
 * Creates the process's registry (every series labelled `service`), serves it on `/metrics` and, when
 * FF_METRICS_PORT_FILE is set, writes the bound port there. Collectors may be registered afterwards.
 */
export async function startProcessMetrics(
  service: string,
  env: MetricsEnv,
  log: Logger,
): Promise<ProcessMetrics> {
  const metrics = createPlatformMetrics({ service });
  const port = env.FF_METRICS_PORT ?? planned(service) ?? 0;
  const server = await serveMetrics({ port, host: env.FF_METRICS_HOST, registry: metrics.registry });
  if (env.FF_METRICS_PORT_FILE) await writeMetricsPortFile(env.FF_METRICS_PORT_FILE, server.port);
  log.info('metrics listening', { url: `http://${env.FF_METRICS_HOST}:${server.port}/metrics` });
  return { metrics, port: server.port, close: () => server.close() };
}

/** Written to a temporary name and renamed: a reader never sees a half-written file. */
export async function writeMetricsPortFile(file: string, port: number, pid = process.pid): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${pid}.tmp`;
  const content: MetricsPortFile = { port, pid };
  await writeFile(temporary, JSON.stringify(content) + '\n');
  await rename(temporary, file);
}

/** The port file's content, or undefined while there is none (or it is not one). */
export async function readMetricsPortFile(file: string): Promise<MetricsPortFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<MetricsPortFile>;
    return typeof parsed.port === 'number' && typeof parsed.pid === 'number'
      ? { port: parsed.port, pid: parsed.pid }
      : undefined;
  } catch {
    return undefined;
  }
}
