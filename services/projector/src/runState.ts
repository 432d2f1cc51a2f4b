import {
  defaultProject,
  zeroCounts,
  type FuzzStats,
  type RunCancelRequestedV1,
  type RunEvent,
  type RunRequestedV1,
  type RunStatus,
  type RunTimelineEntry,
  type SeverityCounts,
} from '@fuzzforge/contracts';

/** The runs read model of one run, as the projector evolves it. */
export interface RunState {
  id: string;
  targetId: string | null;
  workflow: string | null;
  vertical: string | null;
  parameters: Record<string, unknown>;
  status: RunStatus;
  requestedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  timeline: RunTimelineEntry[];
  findingCounts: SeverityCounts;
  progress: { step: string; message: string; percent?: number; seq: number } | null;
  error: { code: string; message: string } | null;
  reportKey: string | null;
  project: string | null;
  retryOf: string | null;
  /** The latest fuzzing counters, kept after the run ended (its final corpus size and coverage). */
  fuzzing: (FuzzStats & { at: string }) | null;
}

export const emptyRun = (id: string): RunState => ({
  id,
  targetId: null,
  workflow: null,
  vertical: null,
  parameters: {},
  status: 'queued',
  requestedAt: null,
  startedAt: null,
  finishedAt: null,
  timeline: [],
  findingCounts: zeroCounts(),
  progress: null,
  error: null,
  reportKey: null,
  project: null,
  retryOf: null,
  fuzzing: null,
});

const rank: Record<RunStatus, number> = { queued: 0, running: 1, completed: 2, failed: 2, cancelled: 2 };

export const isTerminal = (status: RunStatus): boolean => rank[status] === 2;

/** Moves forward only: events may arrive late or twice, but a finished run never becomes running again. */
function advance(state: RunState, status: RunStatus, at: string): RunState {
  if (rank[status] <= rank[state.status]) return state;
  const timeline = [...state.timeline, { status, at }].sort((a, b) => rank[a.status] - rank[b.status]);
  return { ...state, status, timeline };
}

function addQueued(state: RunState, at: string): RunState {
  if (state.timeline.some((t) => t.status === 'queued')) return state;
  return { ...state, timeline: [{ status: 'queued', at }, ...state.timeline] };
}

/** Applies one event to a run's read model: a pure function of (state, event). */
export function evolveRun(
  state: RunState,
  event: RunRequestedV1 | RunCancelRequestedV1 | RunEvent,
): RunState {
  switch (event.type) {
    case 'ff.run.requested': {
      const d = event.data;
      return addQueued(
        {
          ...state,
          targetId: d.targetId,
          workflow: d.workflow,
          vertical: d.vertical,
          parameters: d.parameters,
          requestedAt: d.requestedAt,
          project: d.project ?? defaultProject,
          retryOf: d.retryOf ?? null,
        },
        d.requestedAt,
      );
    }
    case 'ff.run.started':
      return {
        ...advance(state, 'running', event.data.startedAt),
        startedAt: state.startedAt ?? event.data.startedAt,
      };
    case 'ff.run.progress': {
      const d = event.data;
      // Counters are kept by time, not sequence: a retried campaign numbers its progress anew.
      // Final counters (after the corpus merge) stay, whatever a stale attempt still publishes.
      const keepFinal = state.fuzzing?.phase === 'final' && d.fuzzing?.phase !== 'final';
      if (d.fuzzing && !keepFinal && (!state.fuzzing || state.fuzzing.at <= d.at)) {
        state = { ...state, fuzzing: { ...d.fuzzing, at: d.at } };
      }
      if (isTerminal(state.status) || (state.progress && state.progress.seq >= d.seq)) return state;
      const progress = {
        step: d.step,
        message: d.message,
        seq: d.seq,
        ...(d.percent === undefined ? {} : { percent: d.percent }),
      };
      return { ...advance(state, 'running', d.at), progress };
    }
    case 'ff.run.finding':
      return advance(state, 'running', event.data.foundAt);
    case 'ff.run.completed': {
      const d = event.data;
      if (isTerminal(state.status)) return state;
      return {
        ...advance(state, 'completed', d.completedAt),
        finishedAt: d.completedAt,
        reportKey: d.reportKey,
        progress: null,
      };
    }
    case 'ff.run.cancelled': {
      const d = event.data;
      if (isTerminal(state.status)) return state;
      return {
        ...advance(state, 'cancelled', d.cancelledAt),
        finishedAt: d.cancelledAt,
        error: { code: 'Cancelled', message: d.reason },
        progress: null,
      };
    }
    // The request alone changes nothing: the run is cancelled when the worker or dispatcher says so.
    case 'ff.run.cancel-requested':
      return state;
    case 'ff.run.failed': {
      const d = event.data;
      if (isTerminal(state.status)) return state;
      return {
        ...advance(state, 'failed', d.failedAt),
        finishedAt: d.failedAt,
        error: d.error,
        progress: null,
      };
    }
  }
}
