import type { RunFinding } from '@fuzzforge/contracts';

/** The columns of a CSV or Markdown export, in order. */
export const reportColumns = [
  'severity',
  'status',
  'rule',
  'tool',
  'path',
  'line',
  'message',
  'findingId',
] as const;

const cellsOf = (f: RunFinding): string[] => [
  f.severity,
  f.suppressed ? `${f.status} (suppressed)` : f.status,
  f.ruleId,
  f.tool.name,
  f.location.path,
  f.location.startLine === undefined ? '' : String(f.location.startLine),
  f.message,
  f.findingId ?? '',
];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** A run's findings as CSV (header row, CRLF line ends as RFC 4180 asks). */
export function findingsCsv(findings: readonly RunFinding[]): string {
  return (
    [reportColumns, ...findings.map(cellsOf)].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
  );
}

/** A table cell: pipes escaped, line breaks folded, so one finding stays one row. */
const mdCell = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A run's findings as a Markdown report: a title, counts and one table row per finding. */
export function findingsMarkdown(runId: string, findings: readonly RunFinding[]): string {
  const lines = [`# Findings of run ${runId}`, ''];
  if (findings.length === 0) return `${lines.join('\n')}\nNo findings.\n`;
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'}.`, '');
  lines.push(`| ${reportColumns.join(' | ')} |`, `|${reportColumns.map(() => ' --- |').join('')}`);
  for (const f of findings) lines.push(`| ${cellsOf(f).map(mdCell).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
