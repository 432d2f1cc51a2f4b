import { setTimeout as sleep } from 'node:timers/promises';
import type { RunResponse } from '@fuzzforge/contracts';
import { terminalStatuses, type FuzzForgeClient } from '@fuzzforge/sdk';

export interface RunWait {
  timeoutMs: number;
  intervalMs: number;
  /** The MCP request's signal: a client that cancels its call stops the polling. */
  signal: AbortSignal;
  /** Called with each poll's run and whether it changed since the previous poll. */
  onPoll: (run: RunResponse, changed: boolean) => void;
}

/**
 * Polls a run until it has ended or the time is up, and returns its last state either way: a bounded
 * tool call that an agent repeats for a long run. (Not the SDK's `runs.wait`: it throws on timeout
 * and adds an abort listener per poll to the signal it is given.)
 */
export async function waitForRunEnd(
  api: Pick<FuzzForgeClient, 'runs'>,
  runId: string,
  o: RunWait,
): Promise<RunResponse> {
  const deadline = Date.now() + o.timeoutMs;
  let last: string | undefined;
  for (;;) {
    const run = await api.runs.get(runId);
    const state = JSON.stringify([run.status, run.progress, run.fuzzing]);
    o.onPoll(run, state !== last);
    last = state;
    if (terminalStatuses.has(run.status) || Date.now() + o.intervalMs > deadline) return run;
    await sleep(o.intervalMs, undefined, { signal: o.signal });
  }
}
