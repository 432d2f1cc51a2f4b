import { describe, expect, it } from 'vitest';
import { exposedSeriesNames, metricCatalogue, type MetricDefinition } from './catalogue';

const definitions = Object.entries(metricCatalogue) as [string, MetricDefinition][];

describe('metric catalogue', () => {
  it.each(definitions)('%s follows the naming rules', (_key, def) => {
    expect(def.name).toMatch(/^fuzzforge_[a-z][a-z0-9_]*[a-z0-9]$/);
    expect(def.help.length).toBeGreaterThan(10);
    if (def.type === 'counter') expect(def.name).toMatch(/_total$/);
    else expect(def.name).not.toMatch(/_total$/);
    if (def.type === 'histogram') {
      expect(def.name).toMatch(/_seconds$/);
      expect(def.buckets?.length).toBeGreaterThan(3);
    }
    for (const label of def.labels) {
      expect(label).toMatch(/^[a-z][a-z0-9_]*$/);
      // `service` is every series' default label; `le`/`quantile` belong to histograms/summaries.
      expect(['service', 'le', 'quantile', 'job', 'instance']).not.toContain(label);
    }
    expect(new Set(def.labels).size).toBe(def.labels.length);
  });

  it('names every metric once', () => {
    const names = definitions.map(([, def]) => def.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists the series prom-client exposes, with histogram suffixes', () => {
    const series = exposedSeriesNames();
    expect(series).toContain('fuzzforge_runs');
    expect(series).toContain('fuzzforge_api_requests_total');
    expect(series).toContain('fuzzforge_tool_duration_seconds_bucket');
    expect(series).not.toContain('fuzzforge_tool_duration_seconds');
  });
});
