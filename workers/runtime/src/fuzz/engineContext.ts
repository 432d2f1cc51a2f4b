import { runTool, type ToolRunResult } from '../toolRunner';
import type { EngineCommand, EngineContext } from './fuzzEngine';

export interface EngineContextOptions {
  workspace: string;
  scratch: string;
  /** The run's cancellation: a cancelled run stops the running command's whole process group. */
  signal?: AbortSignal;
  /** Called about every second while a command runs (the activity heartbeat). */
  onHeartbeat?: (info: { command: string; elapsedMs: number }) => void;
  /** Time between SIGTERM and SIGKILL when a command is stopped. */
  killGraceMs?: number;
}

/** Raised when a command was stopped because the run was cancelled. */
export class CampaignCancelled extends Error {
  constructor() {
    super('fuzzing campaign cancelled');
    this.name = 'CampaignCancelled';
  }
}

/**
 * The EngineContext a campaign hands its engine: every command runs in its own process group, off the
 * network unless it asks, heartbeating, and stopped with the run. No address-space limit: sanitizers
 * reserve terabytes of shadow memory, so engines bound memory with their own RSS limits instead.
 */
export function createEngineContext(o: EngineContextOptions): EngineContext {
  return {
    workspace: o.workspace,
    scratch: o.scratch,
    async run(c: EngineCommand): Promise<ToolRunResult> {
      const { onHeartbeat } = o;
      const result = await runTool({
        command: c.command,
        args: c.args,
        cwd: c.cwd,
        ...(c.env ? { env: c.env } : {}),
        timeoutMs: c.timeoutMs,
        heartbeatIntervalMs: 1000,
        ...(onHeartbeat
          ? { onHeartbeat: (info) => onHeartbeat({ command: c.command, elapsedMs: info.elapsedMs }) }
          : {}),
        ...(signalOf(o.signal, c.stop) ?? {}),
        killGraceMs: o.killGraceMs ?? 1000,
        sandbox: { network: c.network ?? 'none' },
        ...(c.onLine ? { onLine: c.onLine } : {}),
      });
      // Only the run's own cancellation is an error; a stop the campaign asked for is a normal end.
      const stopped = c.stop?.aborted === true && o.signal?.aborted !== true;
      if (result.cancelled && !stopped) throw new CampaignCancelled();
      return result;
    },
  };
}

const signalOf = (run?: AbortSignal, stop?: AbortSignal): { signal: AbortSignal } | undefined => {
  const signals = [run, stop].filter((s): s is AbortSignal => s !== undefined);
  if (signals.length === 0) return undefined;
  return { signal: signals.length === 1 ? signals[0]! : AbortSignal.any(signals) };
};
