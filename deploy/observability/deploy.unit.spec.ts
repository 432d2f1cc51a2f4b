import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { metricsPortPlan } from '@fuzzforge/observability';

// `docker compose config` is the real check (CI); this one runs where Docker is not installed and
// catches what compose would not: a port plan out of step and a mounted file that does not exist.
const dir = path.dirname(new URL(import.meta.url).pathname);
const read = (file: string): unknown => parse(readFileSync(path.join(dir, file), 'utf8'));

interface Compose {
  services: Record<string, { image: string; volumes?: string[]; extra_hosts?: string[]; ports?: string[] }>;
}
interface PrometheusConfig {
  scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
}

describe('deploy/observability', () => {
  const compose = read('compose.yaml') as Compose;

  it('runs the collector, Tempo, Prometheus and Grafana from pinned images', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'grafana',
      'otel-collector',
      'prometheus',
      'tempo',
    ]);
    for (const service of Object.values(compose.services)) expect(service.image).toMatch(/:[v0-9][\w.-]*$/);
    expect(compose.services['otel-collector']?.image).toContain('opentelemetry-collector-contrib');
    expect(compose.services['prometheus']?.extra_hosts).toContain('host.docker.internal:host-gateway');
  });

  it('mounts only files and folders that exist', () => {
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (!source.startsWith('.')) continue; // a named volume
        expect(existsSync(path.resolve(dir, source)), volume).toBe(true);
      }
    }
  });

  it('publishes ports on loopback only', () => {
    for (const service of Object.values(compose.services)) {
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('scrapes every process of the port plan, on its planned port', () => {
    const prometheus = read('prometheus.yml') as PrometheusConfig;
    const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
    const hostPorts = targets
      .filter((t) => t.startsWith('host.docker.internal:'))
      .map((t) => Number(t.split(':')[1]))
      .sort((a, b) => a - b);
    expect(hostPorts).toEqual([...Object.values(metricsPortPlan)].sort((a, b) => a - b));
  });

  it('provisions the datasources with the UIDs the dashboards use', () => {
    const datasources = read('grafana/provisioning/datasources/datasources.yaml') as {
      datasources: { uid: string; type: string }[];
    };
    expect(datasources.datasources.map((d) => [d.uid, d.type])).toEqual([
      ['prometheus', 'prometheus'],
      ['tempo', 'tempo'],
    ]);
  });

  it('sends the collector traces to Tempo over OTLP and receives OTLP/HTTP on 4318', () => {
    const collector = read('otel-collector.yaml') as {
      receivers: { otlp: { protocols: { http: { endpoint: string } } } };
      service: { pipelines: { traces: { exporters: string[] } } };
    };
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(collector.service.pipelines.traces.exporters).toEqual(['otlp/tempo']);
  });
});
