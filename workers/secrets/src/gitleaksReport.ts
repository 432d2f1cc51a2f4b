import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Finding, Severity } from '@fuzzforge/contracts';

/** One leak in gitleaks' JSON report (fields we use; gitleaks adds more). */
const GitleaksLeak = z.object({
  RuleID: z.string(),
  Description: z.string().default(''),
  StartLine: z.number().int(),
  EndLine: z.number().int(),
  StartColumn: z.number().int(),
  EndColumn: z.number().int(),
  Match: z.string().default(''),
  Secret: z.string().default(''),
  File: z.string(),
});
const GitleaksReport = z.array(GitleaksLeak);
export type GitleaksLeak = z.infer<typeof GitleaksLeak>;

const critical =
  /private-key|aws|gcp|azure|github-(pat|app|oauth|fine-grained)|gitlab-pat|stripe|slack-(bot|user)|npm-access/;
const medium = /^generic-|jwt$/;

/** Severity of a gitleaks rule: live cloud or code-host credentials are critical, heuristics are medium. */
export function severityOfRule(ruleId: string): Severity {
  if (critical.test(ruleId)) return 'critical';
  if (medium.test(ruleId)) return 'medium';
  return 'high';
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Forward-slashed path relative to the scanned root. */
export const relativePath = (file: string): string => file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');

export interface GitleaksParseOptions {
  redact: boolean;
  toolVersion: string;
}

/**
 * Turns gitleaks' JSON report into normalised findings. The fingerprint hashes rule, file and the
 * secret itself (never stored), so it survives line shifts and distinguishes two secrets in one file.
 */
export function findingsFromGitleaks(reportJson: string, o: GitleaksParseOptions): Finding[] {
  const leaks = GitleaksReport.parse(JSON.parse(reportJson));
  const byFingerprint = new Map<string, Finding>();
  for (const leak of leaks) {
    const path = relativePath(leak.File);
    const fingerprint = sha256(`gitleaks\n${leak.RuleID}\n${path}\n${sha256(leak.Secret)}`).slice(0, 32);
    if (byFingerprint.has(fingerprint)) continue;
    const snippet = o.redact && leak.Secret ? leak.Match.split(leak.Secret).join('REDACTED') : leak.Match;
    byFingerprint.set(fingerprint, {
      fingerprint,
      tool: { name: 'gitleaks', version: o.toolVersion },
      ruleId: leak.RuleID,
      ruleName: leak.RuleID,
      severity: severityOfRule(leak.RuleID),
      message: leak.Description || `Hard-coded secret matching rule ${leak.RuleID}`,
      location: {
        path,
        startLine: leak.StartLine,
        endLine: Math.max(leak.EndLine, leak.StartLine),
        startColumn: Math.max(1, leak.StartColumn),
        endColumn: Math.max(1, leak.EndColumn),
        ...(snippet ? { snippet: snippet.slice(0, 4000) } : {}),
      },
      cwe: ['CWE-798'],
      artifacts: [],
    });
  }
  return [...byFingerprint.values()];
}
