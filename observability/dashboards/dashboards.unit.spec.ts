import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exposedSeriesNames } from '../src/metrics/catalogue';
import { createPlatformMetrics } from '../src/metrics/registry';

interface Target {
  refId?: string;
  expr?: string;
  query?: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  id?: number;
  type: string;
  title?: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  gridPos?: { h: number; w: number; x: number; y: number };
  panels?: Panel[];
}
interface Dashboard {
  uid?: string;
  title?: string;
  schemaVersion?: number;
  panels?: Panel[];
  templating?: { list: { name: string; type: string; query?: unknown; datasource?: { uid?: string } }[] };
}

const dir = path.dirname(new URL(import.meta.url).pathname);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const dashboards = files.map(
  (file) => [file, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Dashboard] as const,
);

const datasourceUids = { prometheus: 'prometheus', tempo: 'tempo' };

/** Every series a FuzzForge process exposes: the catalogue plus prom-client's process default metrics. */
async function knownSeries(): Promise<Set<string>> {
  const names = exposedSeriesNames();
  const defaults = await createPlatformMetrics({ service: 'x' }).registry.getMetricsAsJSON();
  for (const metric of defaults) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram')
      for (const s of ['_bucket', '_sum', '_count']) names.add(metric.name + s);
    if (String(metric.type) === 'summary') for (const s of ['_sum', '_count']) names.add(metric.name + s);
  }
  return names;
}

const promqlWords = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
]);

/** The metric names a PromQL expression selects (label lists, strings, ranges and functions left out). */
function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names: string[] = [];
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const word = match[0];
    const after = stripped.slice((match.index ?? 0) + word.length).trimStart();
    if (after.startsWith('(') || promqlWords.has(word) || word.startsWith('$')) continue;
    if (stripped[(match.index ?? 0) - 1] === '$') continue;
    names.push(word);
  }
  return names;
}

function allPanels(panels: Panel[] = []): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels)]);
}

describe('metricNamesIn', () => {
  it('finds the selected series and nothing else', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, route) (rate(fuzzforge_api_request_duration_seconds_bucket{status=~"5.."}[$__rate_interval]))) / on (x) max(up)',
      ),
    ).toEqual(['fuzzforge_api_request_duration_seconds_bucket', 'up']);
  });
});

describe.each(dashboards)('dashboard %s', (_file, dashboard) => {
  it('is a Grafana dashboard with a uid, a title and schemaVersion 39 or later', () => {
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.title).toMatch(/^FuzzForge \//);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.panels?.length).toBeGreaterThan(0);
  });

  it('gives every panel a place, a provisioned datasource and targets', () => {
    const ids = new Set<number>();
    for (const panel of allPanels(dashboard.panels)) {
      expect(panel.id, panel.title).toBeTypeOf('number');
      expect(ids.has(panel.id!), `duplicate id ${panel.id}`).toBe(false);
      ids.add(panel.id!);
      expect(panel.gridPos, panel.title).toBeDefined();
      if (panel.type === 'row') continue;
      expect(Object.values(datasourceUids), panel.title).toContain(panel.datasource?.uid);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource?.uid ?? panel.datasource?.uid).toBe(panel.datasource?.uid);
        if (panel.datasource?.uid === 'prometheus') expect(target.expr, panel.title).toBeTruthy();
        if (panel.datasource?.uid === 'tempo')
          expect(target.query, panel.title).toMatch(/fuzzforge\.run_id|\{/);
      }
    }
  });

  it('queries only series the platform exports (catalogue or process defaults)', async () => {
    const known = await knownSeries();
    const exprs = allPanels(dashboard.panels).flatMap((p) =>
      (p.targets ?? []).flatMap((t) => (t.expr ? [t.expr] : [])),
    );
    for (const variable of dashboard.templating?.list ?? []) {
      const q = variable.query as { query?: string } | string | undefined;
      const text = typeof q === 'string' ? q : q?.query;
      if (variable.type === 'query' && text) exprs.push(text.replace(/^label_values\((.*),\s*\w+\)$/, '$1'));
    }
    expect(exprs.length).toBeGreaterThan(0);
    for (const expr of exprs) {
      const names = metricNamesIn(expr);
      expect(names.length, expr).toBeGreaterThan(0);
      for (const name of names) expect(known, `${name} in ${expr}`).toContain(name);
    }
  });
});

it('ships the three dashboards', () => {
  expect(files.sort()).toEqual(['fuzzing-campaign.json', 'platform-overview.json', 'run-drilldown.json']);
});
