import type { FuzzEngine, FuzzStats } from '@fuzzforge/contracts';
import type { FuzzCounters } from './fuzzEngine';

/**
 * Adds up a campaign's counters across sessions (an engine restarted after a crash starts counting
 * from zero) and across attempts (a retried activity resumes from what its last heartbeat recorded).
 */
export class CampaignStats {
  private previousExecutions: number;
  private session: FuzzCounters = {};
  private coverage = 0;
  private corpusSize = 0;
  private execsPerSecond = 0;
  crashes: number;

  constructor(
    private readonly project: string,
    private readonly engine: FuzzEngine,
    private readonly harness: string,
    private readonly coverageUnit: FuzzStats['coverageUnit'],
    resumed: { executions: number; crashes: number } = { executions: 0, crashes: 0 },
  ) {
    this.previousExecutions = resumed.executions;
    this.crashes = resumed.crashes;
  }

  /** Counters of the running session; a field a line does not carry keeps its last value. */
  update(counters: FuzzCounters): void {
    this.session = { ...this.session, ...counters };
    if (counters.coverage !== undefined) this.coverage = Math.max(this.coverage, counters.coverage);
    if (counters.corpusSize !== undefined) this.corpusSize = counters.corpusSize;
    if (counters.execsPerSecond !== undefined) this.execsPerSecond = counters.execsPerSecond;
  }

  /** The session ended: its executions join the campaign's total. */
  endSession(final: FuzzCounters): void {
    this.update(final);
    this.previousExecutions += this.session.executions ?? 0;
    this.session = {};
  }

  get executions(): number {
    return this.previousExecutions + (this.session.executions ?? 0);
  }

  setCorpusSize(size: number): void {
    this.corpusSize = size;
  }

  snapshot(uniqueCrashes: number, elapsedSeconds: number, phase: FuzzStats['phase']): FuzzStats {
    return {
      project: this.project,
      engine: this.engine,
      harness: this.harness,
      executions: this.executions,
      execsPerSecond: Math.round(this.execsPerSecond * 10) / 10,
      coverage: this.coverage,
      coverageUnit: this.coverageUnit,
      corpusSize: this.corpusSize,
      crashes: this.crashes,
      uniqueCrashes,
      elapsedSeconds: Math.round(elapsedSeconds * 10) / 10,
      phase,
    };
  }
}
