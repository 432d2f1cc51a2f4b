import { z } from 'zod';
import type { Finding, Severity } from '@fuzzforge/contracts';
import { fingerprinter, relativeFindingPath, type SourceLineOf } from '@fuzzforge/worker-runtime';

/** One issue of gosec's JSON report (fields we use; gosec adds more). Numbers arrive as strings. */
const GosecIssue = z.object({
  severity: z.string(),
  confidence: z.string(),
  cwe: z.object({ id: z.string().optional() }).nullish(),
  rule_id: z.string().min(1),
  details: z.string().default(''),
  file: z.string().min(1),
  /** A few numbered lines around the issue: `"8: <line>\n9: <line>\n"`. */
  code: z.string().default(''),
  /** `"9"`, or `"9-11"` for an issue spanning lines. */
  line: z.string(),
  column: z.string().default(''),
  nosec: z.boolean().default(false),
});
const GosecReport = z.object({
  Issues: z.array(GosecIssue).nullish(),
  GosecVersion: z.string().optional(),
});
export type GosecIssue = z.infer<typeof GosecIssue>;

const lower: Record<Severity, Severity> = {
  critical: 'high',
  high: 'medium',
  medium: 'low',
  low: 'info',
  info: 'info',
};

/**
 * Severity of a gosec issue (README "Severity mapping"): gosec's own severity, one step lower when
 * gosec itself has low confidence in the issue.
 */
export function severityOfGosec(severity: string, confidence: string): Severity {
  const base: Severity =
    severity.toUpperCase() === 'HIGH' ? 'high' : severity.toUpperCase() === 'MEDIUM' ? 'medium' : 'low';
  return confidence.toUpperCase() === 'LOW' ? lower[base] : base;
}

export interface GosecParseOptions {
  toolVersion: string;
  /** The workspace's names: gosec prints absolute paths. */
  roots: readonly string[];
  /** Fallback for the flagged line when gosec's code excerpt lacks it. */
  sourceLineOf: SourceLineOf;
}

const lineRange = (line: string): { start?: number; end?: number } => {
  const [start, end] = line.split('-').map((n) => Number.parseInt(n, 10));
  if (!start || start < 1) return {};
  return { start, end: end && end >= start ? end : start };
};

/** The text of line `n` in gosec's numbered code excerpt, if it is there. */
export function lineOfExcerpt(code: string, n: number): string | undefined {
  const prefix = `${n}: `;
  return code
    .split('\n')
    .find((l) => l.startsWith(prefix))
    ?.slice(prefix.length);
}

/**
 * Turns gosec's JSON report into normalised findings: rule ids `gosec.<G-rule>` (e.g. `gosec.G202`),
 * CWE from the report, workspace-relative paths, and a fingerprint over the flagged source line, not
 * its number. Issues gosec marked `#nosec` are left out. Type-check errors ("Golang errors", e.g. a
 * dependency missing offline) are not findings: gosec still reports what it could analyse.
 */
export function findingsFromGosec(reportJson: string, o: GosecParseOptions): Finding[] {
  const report = GosecReport.parse(JSON.parse(reportJson));
  const issues = (report.Issues ?? [])
    .filter((i) => !i.nosec)
    .map((issue) => ({
      issue,
      path: relativeFindingPath(issue.file, o.roots),
      range: lineRange(issue.line),
      column: Number.parseInt(issue.column, 10) || undefined,
    }))
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        (a.range.start ?? 0) - (b.range.start ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0) ||
        a.issue.rule_id.localeCompare(b.issue.rule_id),
    );
  const fingerprint = fingerprinter('gosec');
  return issues.map(({ issue, path, range, column }): Finding => {
    const ruleId = `gosec.${issue.rule_id}`;
    const source =
      range.start === undefined
        ? undefined
        : (lineOfExcerpt(issue.code, range.start) ?? o.sourceLineOf(path, range.start));
    const snippet = source?.trimEnd();
    const cwe = issue.cwe?.id && /^\d+$/.test(issue.cwe.id) ? [`CWE-${issue.cwe.id}`] : [];
    return {
      fingerprint: fingerprint(ruleId, path, source ?? issue.details),
      tool: { name: 'gosec', version: o.toolVersion },
      ruleId,
      ruleName: issue.details || issue.rule_id,
      severity: severityOfGosec(issue.severity, issue.confidence),
      message: `${issue.details || `gosec rule ${issue.rule_id}`} (confidence ${issue.confidence.toLowerCase()})`,
      location: {
        path,
        ...(range.start === undefined ? {} : { startLine: range.start, endLine: range.end }),
        ...(column === undefined ? {} : { startColumn: column }),
        ...(snippet ? { snippet: snippet.slice(0, 4000) } : {}),
      },
      cwe,
      artifacts: [],
    };
  });
}
