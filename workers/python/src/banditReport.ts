import { z } from 'zod';
import type { Finding, Severity } from '@fuzzforge/contracts';
import { fingerprinter, relativeFindingPath } from '@fuzzforge/worker-runtime';

const Level = z.enum(['UNDEFINED', 'LOW', 'MEDIUM', 'HIGH']);
type Level = z.infer<typeof Level>;

/** One issue of bandit's JSON report (fields we use; bandit adds more). */
const BanditIssue = z.object({
  test_id: z.string().min(1),
  test_name: z.string().default(''),
  filename: z.string().min(1),
  issue_text: z.string().default(''),
  issue_severity: Level,
  issue_confidence: Level,
  issue_cwe: z.object({ id: z.number().int() }).optional(),
  line_number: z.number().int().positive(),
  line_range: z.array(z.number().int().positive()).default([]),
  col_offset: z.number().int().nonnegative().default(0),
  end_col_offset: z.number().int().nonnegative().optional(),
  /** Numbered source lines around the issue: `"15     return call(cmd, shell=True)\n"`. */
  code: z.string().default(''),
});
const BanditReport = z.object({ results: z.array(BanditIssue) });
export type BanditIssue = z.infer<typeof BanditIssue>;

/**
 * Severity of a bandit issue from its own severity, lowered one step when bandit is not confident
 * of it (README "Severity mapping").
 */
export function severityOfBandit(severity: Level, confidence: Level): Severity {
  const unsure = confidence === 'LOW' || confidence === 'UNDEFINED';
  switch (severity) {
    case 'HIGH':
      return unsure ? 'medium' : 'high';
    case 'MEDIUM':
      return unsure ? 'low' : 'medium';
    case 'LOW':
      return unsure ? 'info' : 'low';
    default:
      return 'info';
  }
}

/** The issue's own lines out of bandit's numbered context (`code`), without their numbers. */
export function issueLines(issue: BanditIssue): string {
  const first = issue.line_range[0] ?? issue.line_number;
  const last = issue.line_range.at(-1) ?? issue.line_number;
  const lines: string[] = [];
  for (const line of issue.code.split('\n')) {
    const numbered = /^(\d+) (.*)$/.exec(line);
    if (!numbered) continue;
    const n = Number(numbered[1]);
    if (n >= first && n <= last) lines.push(numbered[2]!.trimEnd());
  }
  return lines.join('\n');
}

export interface BanditParseOptions {
  toolVersion: string;
}

/**
 * Turns bandit's JSON report into normalised findings: rule ids `bandit.<test id>`, CWE from
 * `issue_cwe`, and a fingerprint over the flagged source lines rather than their line numbers.
 */
export function findingsFromBandit(reportJson: string, o: BanditParseOptions): Finding[] {
  const report = BanditReport.parse(JSON.parse(reportJson));
  const issues = report.results
    .map((issue) => ({ issue, path: relativeFindingPath(issue.filename) }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.issue.line_number - b.issue.line_number);
  const fingerprint = fingerprinter('bandit');
  return issues.map(({ issue, path }): Finding => {
    const ruleId = `bandit.${issue.test_id}`;
    const code = issueLines(issue);
    const endLine = Math.max(issue.line_range.at(-1) ?? issue.line_number, issue.line_number);
    return {
      fingerprint: fingerprint(ruleId, path, code),
      tool: { name: 'bandit', version: o.toolVersion },
      ruleId,
      ruleName: issue.test_name || issue.test_id,
      severity: severityOfBandit(issue.issue_severity, issue.issue_confidence),
      message: issue.issue_text || `bandit test ${issue.test_id} matched`,
      location: {
        path,
        startLine: issue.line_number,
        endLine,
        // bandit counts columns from 0; findings (like SARIF) from 1.
        startColumn: issue.col_offset + 1,
        ...(issue.end_col_offset !== undefined && endLine === issue.line_number
          ? { endColumn: issue.end_col_offset + 1 }
          : {}),
        ...(code ? { snippet: code.slice(0, 4000) } : {}),
      },
      cwe: issue.issue_cwe && issue.issue_cwe.id > 0 ? [`CWE-${issue.issue_cwe.id}`] : [],
      artifacts: [],
    };
  });
}
