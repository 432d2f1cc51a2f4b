import { streams } from '@fuzzforge/contracts';

/** One stream the projector follows, and the consumer name it records in processed_events. */
export interface ProjectedStream {
  stream: string;
  subject: string;
  consumer: string;
}

/**
 * What the live projector consumes (main.ts binds exactly these). The rebuild
 * records the same consumer names, so its processed_events equal the live ones and a live consumer
 * that resumes on the swapped-in schema recognises every event the rebuild already applied.
 */
export const projectedStreams: readonly ProjectedStream[] = [
  { stream: streams.targets.name, subject: 'ff.targets.>', consumer: 'projector-targets' },
  { stream: streams.runs.name, subject: 'ff.runs.requested.>', consumer: 'projector-runs' },
  { stream: streams.runEvents.name, subject: 'ff.run.>', consumer: 'projector-run-events' },
  { stream: streams.findings.name, subject: 'ff.findings.>', consumer: 'projector-findings' },
];
