import path from 'node:path';
import { expect, inject } from 'vitest';
import { readMetricsPortFile } from '@fuzzforge/platform';
import { eventually } from './http';

/** One sample of the Prometheus text exposition format: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const labelPair = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/y;

const unescape = (v: string): string => v.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  labelPair.lastIndex = 0;
  while (labelPair.lastIndex < text.length) {
    const start = labelPair.lastIndex;
    const m = labelPair.exec(text);
    if (!m || labelPair.lastIndex === start) throw new Error(`bad labels in: ${line}`);
    labels[m[1]!] = unescape(m[2]!);
  }
  return labels;
}

const numberOf = (v: string): number =>
  v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : v === 'NaN' ? NaN : Number(v);

/** Parses the Prometheus text format (version 0.0.4) into samples; throws on a malformed line. */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = sampleLine.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const value = numberOf(m[3]!);
    if (Number.isNaN(value) && m[3] !== 'NaN') throw new Error(`bad value in: ${line}`);
    samples.push({ name: m[1]!, labels: m[2] ? parseLabels(m[2], line) : {}, value });
  }
  return samples;
}

/** The samples of one scrape, with lookups that fail the test when a series is missing. */
export class Scrape {
  constructor(
    readonly service: string,
    readonly samples: Sample[],
  ) {}

  /** Samples named `name` whose labels include `labels`. */
  find(name: string, labels: Record<string, string> = {}): Sample[] {
    return this.samples.filter(
      (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    );
  }

  /** The one sample named `name` with `labels`; fails the test when there is none (or several). */
  value(name: string, labels: Record<string, string> = {}): number {
    const found = this.find(name, labels);
    expect(found, `${this.service}: ${name}${JSON.stringify(labels)} in /metrics`).toHaveLength(1);
    return found[0]!.value;
  }

  /** The distinct metric names, histogram suffixes included. */
  names(): string[] {
    return [...new Set(this.samples.map((s) => s.name))].sort();
  }
}

/**
 * The `/metrics` URL of a platform process: its port file (tests/setup/stackSetup.ts provides the
 * directory), once the pid it names is alive, since a restarted process rewrites it.
 */
export function metricsUrlOf(service: string, timeoutMs = 60_000): Promise<string> {
  const file = path.join(inject('metricsDir'), `${service}.port`);
  return eventually(
    async () => {
      const written = await readMetricsPortFile(file);
      return written && isAlive(written.pid) ? `http://127.0.0.1:${written.port}/metrics` : undefined;
    },
    timeoutMs,
    `the metrics port of ${service} in ${file}`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Scrapes a platform process's `/metrics` and parses it. */
export async function scrape(service: string): Promise<Scrape> {
  const res = await fetch(await metricsUrlOf(service));
  expect(res.status, `${service} /metrics`).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return new Scrape(service, parseExposition(await res.text()));
}
