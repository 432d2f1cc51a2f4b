/**
 * The fixed /metrics port of each platform process, so Prometheus (deploy/observability/prometheus.yml)
 * knows where to scrape without discovery. One process per port: a second instance of a worker on the
 * same host needs its own FF_METRICS_PORT (and a scrape target). Checked against prometheus.yml by
 * deploy.unit.spec.ts.
 */
export const metricsPortPlan = {
  api: 9464,
  dispatcher: 9465,
  projector: 9466,
  webhooks: 9467,
  'worker-secrets': 9470,
  'worker-python': 9471,
  'worker-javascript': 9472,
  'worker-native': 9473,
  'worker-go': 9474,
  'worker-rust': 9475,
  'worker-assessment': 9476,
} as const;

export type MetricsService = keyof typeof metricsPortPlan;
