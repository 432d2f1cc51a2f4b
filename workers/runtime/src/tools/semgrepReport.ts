import { z } from 'zod';
import type { Finding, Severity } from '@fuzzforge/contracts';
import { fingerprinter } from '../scan/findingFingerprint';
import { relativeFindingPath } from '../scan/findingPath';
import type { SourceLineOf } from '../scan/workspaceSource';

const Position = z.object({ line: z.number().int().positive(), col: z.number().int().positive() });

/** One result of `semgrep scan --json` (fields we use; semgrep adds more). */
const SemgrepResult = z.object({
  check_id: z.string().min(1),
  path: z.string().min(1),
  start: Position,
  end: Position,
  extra: z.object({
    message: z.string().default(''),
    severity: z.string().default('INFO'),
    metadata: z.record(z.string(), z.unknown()).default({}),
    /** Semgrep OSS answers "requires login" here; the source is read from the workspace instead. */
    lines: z.string().optional(),
  }),
});
const SemgrepReport = z.object({ version: z.string().optional(), results: z.array(SemgrepResult) });
export type SemgrepResult = z.infer<typeof SemgrepResult>;

/**
 * Severity of a semgrep result from its rule's severity: the legacy ERROR/WARNING/INFO levels and the
 * newer CRITICAL..LOW scale (README "Severity mapping").
 */
export function severityOfSemgrep(level: string): Severity {
  switch (level.toUpperCase()) {
    case 'CRITICAL':
      return 'critical';
    case 'ERROR':
    case 'HIGH':
      return 'high';
    case 'WARNING':
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return 'info';
  }
}

/** `CWE-78` ids from a rule's `metadata.cwe` (a string or a list, e.g. "CWE-78: OS Command Injection"). */
export function cweOfMetadata(metadata: Record<string, unknown>): string[] {
  const raw = metadata['cwe'];
  const entries = Array.isArray(raw) ? raw : [raw];
  const ids = entries.flatMap((e) => (typeof e === 'string' ? [...e.matchAll(/CWE-(\d+)/gi)] : []));
  return [...new Set(ids.map((m) => `CWE-${m[1]}`))];
}

export interface SemgrepParseOptions {
  toolVersion: string;
  /** A line of a scanned file by its relative path: semgrep OSS leaves the matched code out. */
  sourceLine: SourceLineOf;
}

/** The matched lines, or undefined when the source cannot be read. */
function matchedLines(r: SemgrepResult, path: string, sourceLine: SourceLineOf): string[] | undefined {
  const lines: string[] = [];
  for (let n = r.start.line; n <= Math.max(r.end.line, r.start.line); n++) {
    const line = sourceLine(path, n);
    if (line === undefined) return undefined;
    lines.push(line);
  }
  return lines;
}

/** Exactly what matched: semgrep's 1-based columns, end exclusive, cut out of the matched lines. */
function matchedCode(r: SemgrepResult, lines: string[] | undefined): string {
  if (!lines) return r.extra.lines && r.extra.lines !== 'requires login' ? r.extra.lines : '';
  const cut = [...lines];
  const last = cut.length - 1;
  cut[last] = cut[last]!.slice(0, Math.max(0, r.end.col - 1));
  cut[0] = cut[0]!.slice(Math.max(0, r.start.col - 1));
  return cut.join('\n');
}

/**
 * Turns semgrep's JSON report into normalised findings: rule ids `semgrep.<rule id>`, CWE from the
 * rule's metadata, and a fingerprint over the matched code, read back from the source.
 */
export function findingsFromSemgrep(reportJson: string, o: SemgrepParseOptions): Finding[] {
  const report = SemgrepReport.parse(JSON.parse(reportJson));
  const results = [...report.results].sort(
    (a, b) => a.path.localeCompare(b.path) || a.start.line - b.start.line || a.start.col - b.start.col,
  );
  const fingerprint = fingerprinter('semgrep');
  return results.map((r): Finding => {
    const path = relativeFindingPath(r.path);
    const ruleId = `semgrep.${r.check_id}`;
    const lines = matchedLines(r, path, o.sourceLine);
    const snippet = lines
      ?.map((l) => l.trimEnd())
      .join('\n')
      .slice(0, 4000);
    return {
      fingerprint: fingerprint(ruleId, path, matchedCode(r, lines)),
      tool: { name: 'semgrep', version: o.toolVersion },
      ruleId,
      ruleName: r.check_id,
      severity: severityOfSemgrep(r.extra.severity),
      message: r.extra.message.trim() || `semgrep rule ${r.check_id} matched`,
      location: {
        path,
        startLine: r.start.line,
        endLine: Math.max(r.end.line, r.start.line),
        startColumn: Math.max(1, r.start.col),
        endColumn: Math.max(1, r.end.col),
        ...(snippet ? { snippet } : {}),
      },
      cwe: cweOfMetadata(r.extra.metadata),
      artifacts: [],
    };
  });
}
