import type { TriageHistoryEntry, TriageStatus } from '@fuzzforge/contracts';

/** One triage decision as stored (a finding.triaged event). */
export interface TriageDecision {
  eventId: string;
  status: TriageStatus;
  comment: string | null;
  triagedBy: string | null;
  /** ISO time of the decision. */
  at: string;
}

/** A run of the project that reported the finding, and when that run was requested. */
export interface RunSighting {
  run: string;
  requestedAt: string;
}

export interface DerivedTriage {
  status: TriageStatus;
  history: TriageHistoryEntry[];
}

type Step =
  | { kind: 'triage'; at: string; tie: string; decision: TriageDecision }
  | ({ kind: 'sighting'; at: string; tie: string } & RunSighting);

/**
 * A project finding's triage status and history from its decisions and the runs that reported it: the
 * latest decision holds, except that a finding triaged `fixed` goes back to `open` (a regression) when
 * a run requested after that decision reports it again. A pure function of the two sets, whatever the
 * order they were projected in, so the live projector and a rebuild derive the same.
 */
export function deriveTriage(decisions: TriageDecision[], sightings: RunSighting[]): DerivedTriage {
  const steps: Step[] = [
    ...decisions.map((d): Step => ({ kind: 'triage', at: d.at, tie: d.eventId, decision: d })),
    ...sightings.map((s): Step => ({ kind: 'sighting', at: s.requestedAt, tie: s.run, ...s })),
  ];
  // Times compare as instants; a run requested at the very instant of a decision does not count as later.
  const order = (a: Step, b: Step): number =>
    Date.parse(a.at) - Date.parse(b.at) ||
    (a.kind === b.kind ? (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0) : a.kind === 'sighting' ? -1 : 1);
  let status: TriageStatus = 'open';
  const history: TriageHistoryEntry[] = [];
  for (const step of steps.sort(order)) {
    if (step.kind === 'triage') {
      const d = step.decision;
      status = d.status;
      history.push({
        kind: 'triage',
        status,
        comment: d.comment,
        triagedBy: d.triagedBy,
        at: d.at,
        run: null,
      });
    } else if (status === 'fixed') {
      status = 'open';
      history.push({
        kind: 'regression',
        status,
        comment: `reported again by run ${step.run} after it was triaged fixed`,
        triagedBy: null,
        at: step.requestedAt,
        run: step.run,
      });
    }
  }
  return { status, history };
}
