import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { Finding, RunTimelineEntry, SeverityCounts } from '@fuzzforge/contracts';

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

/** The Postgres read models, projected from the event streams. */
export interface Database {
  targets: TargetsTable;
  runs: RunsTable;
  run_events: RunEventsTable;
  findings: FindingsTable;
  processed_events: ProcessedEventsTable;
}

export type TargetRow = Selectable<TargetsTable>;
export type RunRow = Selectable<RunsTable>;
export type NewRun = Insertable<RunsTable>;
export type RunUpdate = Updateable<RunsTable>;
export type FindingRow = Selectable<FindingsTable>;
