/** JetStream streams and the subjects each one stores (DESIGN §3). */
export const streams = {
  targets: { name: 'FF_TARGETS', subjects: ['ff.targets.>'] },
  runs: { name: 'FF_RUNS', subjects: ['ff.runs.>'] },
  runEvents: { name: 'FF_RUN_EVENTS', subjects: ['ff.run.>'] },
  /** Decisions people take about project findings (triage), published by the API. */
  findings: { name: 'FF_FINDINGS', subjects: ['ff.findings.>'] },
  /** What the webhooks service reports about subscriptions (one disabled for failing). */
  webhooks: { name: 'FF_WEBHOOKS', subjects: ['ff.webhooks.>'] },
  dlq: { name: 'FF_DLQ', subjects: ['ff.dlq.>'] },
} as const;

export type StreamKey = keyof typeof streams;

/** Subject under which a poison message from `consumer` is parked. */
export const dlqSubject = (consumer: string): string => `ff.dlq.${consumer}`;
