import type { FuzzForgeEvent } from '@fuzzforge/contracts';

/** Where an event's project comes from: the event itself, its run's request, or nowhere. */
export type ProjectSource = { project: string | null } | { runId: string };

/**
 * Targets, run requests and triage carry their project (absent = `default`, from before projects);
 * other run events name only their run; webhook state belongs to no project.
 */
export function projectSourceOf(event: FuzzForgeEvent): ProjectSource {
  switch (event.type) {
    case 'ff.target.uploaded':
    case 'ff.run.requested':
      return { project: event.data.project ?? 'default' };
    case 'ff.finding.triaged':
      return { project: event.data.project };
    case 'ff.webhook.disabled':
    case 'ff.webhook.ping':
      return { project: null };
    default:
      return { runId: event.data.runId };
  }
}
