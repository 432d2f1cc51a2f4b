import { isTerminal, type RunState } from './runState';

/** A run that has just become measurable: its request and its end are both projected. */
export interface FinishedRun {
  workflow: string;
  outcome: 'completed' | 'failed' | 'cancelled';
  /** From the request to the final state. */
  seconds: number;
}

const measurable = (s: RunState): boolean =>
  isTerminal(s.status) && s.workflow !== null && s.requestedAt !== null && s.finishedAt !== null;

/**
 * The run's duration when this change is the first to make it known — the end applied after the
 * request, or the request after the end (their streams are projected independently) — else null,
 * so a redelivered or late event never measures a run twice.
 */
export function finishedRun(before: RunState, after: RunState): FinishedRun | null {
  if (measurable(before) || !measurable(after)) return null;
  const seconds = (Date.parse(after.finishedAt!) - Date.parse(after.requestedAt!)) / 1000;
  return {
    workflow: after.workflow!,
    outcome: after.status as FinishedRun['outcome'],
    seconds: Math.max(0, seconds),
  };
}
