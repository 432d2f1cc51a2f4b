import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type {
  CrashFrame,
  Finding,
  FuzzStats,
  RunTimelineEntry,
  SeverityCounts,
  TriageHistoryEntry,
} from '@fuzzforge/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TargetsTable {
  id: string;
  sha256: string;
  size: ColumnType<string, number, number>;
  filename: string | null;
  content_type: string;
  storage_key: string;
  uploaded_at: Timestamp;
}

/** Which projects a (content-addressed) target belongs to: uploaded to, or run in. */
export interface TargetProjectsTable {
  target_id: string;
  project: string;
  added_at: Timestamp;
}

export interface RunsTable {
  id: string;
  target_id: string | null;
  workflow: string | null;
  vertical: string | null;
  parameters: Json<Record<string, unknown>>;
  status: string;
  requested_at: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  timeline: Json<RunTimelineEntry[]>;
  finding_counts: Json<SeverityCounts>;
  progress: Json<{ step: string; message: string; percent?: number; seq: number } | null>;
  error: Json<{ code: string; message: string } | null>;
  report_key: string | null;
  project: string | null;
  retry_of: string | null;
  fuzzing: Json<(FuzzStats & { at: string }) | null>;
  updated_at: Timestamp;
}

export interface RunEventsTable {
  event_id: string;
  run_id: string;
  type: string;
  time: Timestamp;
  data: Json<unknown>;
}

export interface FindingsTable {
  run_id: string;
  fingerprint: string;
  tool: string;
  rule_id: string;
  severity: string;
  path: string;
  start_line: number | null;
  finding: Json<Finding>;
  found_at: Timestamp;
}

export interface ProcessedEventsTable {
  event_id: string;
  consumer: string;
  processed_at: Timestamp;
}

export interface CrashesTable {
  id: string;
  project: string;
  signature: string;
  type: string;
  summary: string;
  engine: string;
  harness: string;
  frames: Json<CrashFrame[]>;
  input_key: string;
  input_sha256: string;
  input_size: number;
  reproducible: boolean;
  runs_seen: number;
  first_run_id: string;
  last_run_id: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface RunCrashesTable {
  run_id: string;
  crash_id: string;
  input_key: string;
  input_sha256: string;
  input_size: number;
  reproducible: boolean;
  minimized: boolean;
  found_at: Timestamp;
}

export interface CorpusStatsTable {
  project: string;
  engine: string;
  harness: string;
  run_id: string;
  corpus_size: number;
  coverage: number;
  coverage_unit: string;
  executions: ColumnType<string, number, number>;
  unique_crashes: number;
  final: boolean;
  recorded_at: Timestamp;
}

/** A finding of a project (deduplicated by fingerprint over its runs), with its derived triage status. */
export interface ProjectFindingsTable {
  id: string;
  project: string;
  fingerprint: string;
  tool: string;
  rule_id: string;
  severity: string;
  /** As the latest run (in request order) reported it. */
  finding: Json<Finding>;
  first_run_id: string;
  first_seen_at: Timestamp;
  /** When the first run was requested: what new-since-run compares. */
  first_requested_at: Timestamp;
  last_run_id: string;
  last_seen_at: Timestamp;
  occurrences: number;
  status: string;
  history: Json<TriageHistoryEntry[]>;
}

/** One triage decision (a finding.triaged event). */
export interface FindingTriageTable {
  event_id: string;
  finding_id: string;
  project: string;
  fingerprint: string;
  status: string;
  comment: string | null;
  triaged_by: string | null;
  triaged_at: Timestamp;
}

/** The Postgres read models, projected from the event streams. */
export interface Database {
  targets: TargetsTable;
  target_projects: TargetProjectsTable;
  runs: RunsTable;
  run_events: RunEventsTable;
  findings: FindingsTable;
  processed_events: ProcessedEventsTable;
  crashes: CrashesTable;
  run_crashes: RunCrashesTable;
  corpus_stats: CorpusStatsTable;
  project_findings: ProjectFindingsTable;
  finding_triage: FindingTriageTable;
}

export type TargetRow = Selectable<TargetsTable>;
export type RunRow = Selectable<RunsTable>;
export type NewRun = Insertable<RunsTable>;
export type RunUpdate = Updateable<RunsTable>;
export type FindingRow = Selectable<FindingsTable>;
export type CrashRow = Selectable<CrashesTable>;
export type RunCrashRow = Selectable<RunCrashesTable>;
export type CorpusStatsRow = Selectable<CorpusStatsTable>;
export type ProjectFindingRow = Selectable<ProjectFindingsTable>;
export type FindingTriageRow = Selectable<FindingTriageTable>;
