import type { FuzzStats, RunResponse } from '@fuzzforge/contracts';

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → `1.5 KiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** 12345.6 → `12,346` (grouped, no decimals). */
export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

/** 75 → `1m15s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** `[#####-----]` for a fraction in [0, 1]. */
export function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/**
 * One line of an upload: bytes sent, rate, and a bar with percent when the size is known (a directory
 * is packed as it goes, so its size is not).
 */
export function uploadProgressLine(
  name: string,
  progress: { sentBytes: number; totalBytes: number | undefined },
  elapsedMs: number,
): string {
  const rate = elapsedMs > 0 ? (progress.sentBytes * 1000) / elapsedMs : 0;
  const amount =
    progress.totalBytes === undefined
      ? formatBytes(progress.sentBytes)
      : `${bar(progress.sentBytes / Math.max(1, progress.totalBytes), 20)} ${Math.floor(
          (100 * progress.sentBytes) / Math.max(1, progress.totalBytes),
        )}% ${formatBytes(progress.sentBytes)}/${formatBytes(progress.totalBytes)}`;
  return `Uploading ${name} ${amount} ${formatBytes(rate)}/s`;
}

/** The counters of a fuzzing campaign: `libfuzzer fuzz_parse: 1,234 execs/s, 120 features, …`. */
export function fuzzingLine(f: FuzzStats): string {
  return [
    `${f.engine} ${f.harness} ${f.phase}`,
    `${formatCount(f.executions)} execs (${formatCount(f.execsPerSecond)}/s)`,
    `coverage ${formatCount(f.coverage)} ${f.coverageUnit}`,
    `corpus ${formatCount(f.corpusSize)}`,
    `crashes ${formatCount(f.crashes)} (${formatCount(f.uniqueCrashes)} unique)`,
    formatDuration(f.elapsedSeconds),
  ].join(', ');
}

/** What a run is doing, in one line: its status, then the fuzzing counters or the step and percent. */
export function runProgressLine(run: Pick<RunResponse, 'id' | 'status' | 'progress' | 'fuzzing'>): string {
  const parts = [`${run.id} ${run.status}`];
  if (run.fuzzing && run.status === 'running') parts.push(fuzzingLine(run.fuzzing));
  else if (run.progress && run.status === 'running') {
    const percent = run.progress.percent === undefined ? '' : ` ${Math.round(run.progress.percent)}%`;
    parts.push(`${run.progress.step}${percent}${run.progress.message ? ` ${run.progress.message}` : ''}`);
  }
  return parts.join(': ');
}

/** A line cut to the terminal's width, so redrawing it in place never wraps. */
export const fitToWidth = (line: string, columns: number): string =>
  line.length <= columns ? line : `${line.slice(0, Math.max(0, columns - 1))}…`;
