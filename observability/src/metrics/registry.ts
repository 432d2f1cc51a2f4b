import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  metricCatalogue,
  type LabelOf,
  type MetricDefinition,
  type MetricKey,
  type MetricKeyOf,
} from './catalogue';

/** Runs when Prometheus scrapes, before the gauge is read; may be async (e.g. a SQL count). */
export type OnScrape = () => void | Promise<void>;

/** A process's metrics: only catalogued ones can be created, each once, labelled with the service. */
export interface PlatformMetrics {
  readonly registry: Registry;
  /** `onScrape` callbacks accumulate: several collectors may feed one metric. */
  counter<K extends MetricKeyOf<'counter'>>(key: K, onScrape?: OnScrape): Counter<LabelOf<K>>;
  gauge<K extends MetricKeyOf<'gauge'>>(key: K, onScrape?: OnScrape): Gauge<LabelOf<K>>;
  histogram<K extends MetricKeyOf<'histogram'>>(key: K): Histogram<LabelOf<K>>;
}

export interface PlatformMetricsOptions {
  /** Added as the `service` label to every series (Prometheus's own `job` names the scrape target). */
  service: string;
  /** Process CPU, memory, event-loop lag and GC metrics (`process_*`, `nodejs_*`); default true. */
  defaultMetrics?: boolean;
}

/** Creates a registry for one process, with the process default metrics unless switched off. */
export function createPlatformMetrics(o: PlatformMetricsOptions): PlatformMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: o.service });
  if (o.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const created = new Map<MetricKey, Counter | Gauge | Histogram>();
  const scrapeHooks = new Map<MetricKey, OnScrape[]>();

  const definition = (
    key: MetricKey,
  ): { name: string; help: string; labelNames: string[]; buckets?: readonly number[] } => {
    const def: MetricDefinition = metricCatalogue[key];
    return {
      name: def.name,
      help: def.help,
      labelNames: [...def.labels],
      ...(def.buckets ? { buckets: def.buckets } : {}),
    };
  };

  const getOrCreate = <M extends Counter | Gauge | Histogram>(
    key: MetricKey,
    onScrape: OnScrape | undefined,
    make: (collect: () => Promise<void>) => M,
  ): M => {
    if (onScrape) scrapeHooks.set(key, [...(scrapeHooks.get(key) ?? []), onScrape]);
    const existing = created.get(key);
    if (existing) return existing as M;
    const metric = make(async () => {
      for (const hook of scrapeHooks.get(key) ?? []) await hook();
    });
    created.set(key, metric);
    return metric;
  };

  return {
    registry,
    counter: (key, onScrape) =>
      getOrCreate(key, onScrape, (collect) => {
        const def = definition(key);
        return new Counter({ ...def, registers: [registry], collect });
      }),
    gauge: (key, onScrape) =>
      getOrCreate(key, onScrape, (collect) => {
        const def = definition(key);
        return new Gauge({ ...def, registers: [registry], collect });
      }),
    histogram: (key) =>
      getOrCreate(key, undefined, () => {
        const def = definition(key);
        return new Histogram({ ...def, buckets: [...(def.buckets ?? [])], registers: [registry] });
      }),
  };
}
