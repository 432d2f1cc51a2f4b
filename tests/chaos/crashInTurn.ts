import { setTimeout as sleep } from 'node:timers/promises';
import type { CrashReport, PlatformProcesses } from '@fuzzforge/local-stack/platform';

export interface CrashSchedule {
  /** Groups of processes: each group is kill -9ed at once, the next group only once all are back. */
  steps: readonly (readonly string[])[];
  /** Quiet time after a group is back, before the next one is killed. */
  pauseMs: number;
  /** Called before each kill: e.g. put fresh work in flight so the crash hits it mid-way. */
  beforeCrash?: (step: readonly string[]) => Promise<void>;
  onCrash?: (report: CrashReport) => void;
}

/**
 * kill -9s the processes step by step and waits for their supervisors to bring them back (a server:
 * healthy again) before the next step: every process goes down while work is in flight, and a group
 * killed together restarts its services while the server they depend on is still down.
 */
export async function crashInTurn(processes: PlatformProcesses, s: CrashSchedule): Promise<CrashReport[]> {
  const reports: CrashReport[] = [];
  for (const step of s.steps) {
    await s.beforeCrash?.(step);
    const back = await Promise.all(step.map((name) => processes.crash(name, { timeoutMs: 150_000 })));
    for (const report of back) s.onCrash?.(report);
    reports.push(...back);
    await sleep(s.pauseMs);
  }
  return reports;
}

/**
 * The suite's schedule: every process alone, in turn; then each stack server together with every
 * service, so that all of them start again while that server is still down.
 */
export function crashSteps(names: readonly string[], servers: readonly string[]): string[][] {
  const services = names.filter((n) => !servers.includes(n));
  return [...names.map((n) => [n]), ...servers.map((server) => [server, ...services])];
}
