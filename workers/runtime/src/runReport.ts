import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { zeroCounts, type Finding } from '@fuzzforge/contracts';
import { sarifFromFindings } from '@fuzzforge/platform';
import type { RunSummary } from './runReportActivities';

/**
 * Stores a run's (or a run part's) findings as SARIF at `key` and returns the run's summary: what
 * every activity that ends a run does last.
 */
export async function storeRunReport(
  s3: S3Client,
  bucket: string,
  report: { key: string; findings: Finding[]; tools: string[]; automationId: string },
): Promise<RunSummary> {
  const sarif = sarifFromFindings(report.findings, report.tools, report.automationId);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: report.key,
      Body: JSON.stringify(sarif, null, 2),
      ContentType: 'application/sarif+json',
    }),
  );
  const counts = zeroCounts();
  for (const f of report.findings) counts[f.severity] += 1;
  return { findingCount: report.findings.length, countsBySeverity: counts, reportKey: report.key };
}
