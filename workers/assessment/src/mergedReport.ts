import { zeroCounts, type Finding, type SeverityCounts } from '@fuzzforge/contracts';
import { findingsFromSarif, sarifFromFindings, type SarifLog } from '@fuzzforge/platform';
import { mergeFindings } from '@fuzzforge/worker-runtime';

export interface MergedReport {
  sarif: SarifLog;
  findings: Finding[];
  findingCount: number;
  countsBySeverity: SeverityCounts;
}

/**
 * Merges the children's SARIF logs into one with a run per tool (semgrep, which two verticals run,
 * becomes one run), each finding once by fingerprint: the same set the children published under the
 * run id, so the report and `GET /v1/runs/:id/findings` agree.
 */
export function mergedReport(childLogs: readonly unknown[], automationId: string): MergedReport {
  const tools: string[] = [];
  const perChild: Finding[][] = [];
  for (const log of childLogs) {
    const content = findingsFromSarif(log);
    for (const tool of content.tools) if (!tools.includes(tool)) tools.push(tool);
    perChild.push(content.findings);
  }
  const findings = mergeFindings(perChild);
  const countsBySeverity = zeroCounts();
  for (const f of findings) countsBySeverity[f.severity] += 1;
  return {
    sarif: sarifFromFindings(findings, tools, automationId),
    findings,
    findingCount: findings.length,
    countsBySeverity,
  };
}
