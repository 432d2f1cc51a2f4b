import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Finding, Severity } from '@fuzzforge/contracts';
import { relativePath } from './gitleaksReport';

const DetectSecretsResult = z.object({
  type: z.string(),
  filename: z.string(),
  hashed_secret: z.string(),
  line_number: z.number().int().positive(),
});
const DetectSecretsReport = z.object({ results: z.record(z.string(), z.array(DetectSecretsResult)) });

/** Heuristic detectors: a specific detector on the same secret says more. */
const heuristic = new Set(['Base64 High Entropy String', 'Hex High Entropy String', 'Secret Keyword']);
const critical =
  /aws|private key|github|gitlab|azure|ibm|slack|stripe|npm|openai|twilio|sendgrid|discord|telegram/i;

/** Severity of a detect-secrets detector type: live credentials critical, entropy and keywords medium. */
export function severityOfType(type: string): Severity {
  if (heuristic.has(type)) return 'medium';
  return critical.test(type) ? 'critical' : 'high';
}

const slug = (type: string): string =>
  type
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Turns a detect-secrets baseline (its `scan` output) into findings: one per file and secret, named
 * after the most specific detector that saw it; heuristic hits on a line a specific detector explains
 * are dropped. The fingerprint hashes file and the tool's own secret
 * hash (the secret never reaches us), so it survives line shifts.
 */
export function findingsFromDetectSecrets(reportJson: string, toolVersion: string): Finding[] {
  const report = DetectSecretsReport.parse(JSON.parse(reportJson));
  const bySecret = new Map<string, z.infer<typeof DetectSecretsResult>>();
  for (const results of Object.values(report.results)) {
    for (const r of results) {
      const key = `${relativePath(r.filename)}\n${r.hashed_secret}`;
      const seen = bySecret.get(key);
      if (!seen || (heuristic.has(seen.type) && !heuristic.has(r.type))) bySecret.set(key, r);
    }
  }
  // An entropy or keyword hit on a line a specific detector explains is the same secret, cut differently.
  const specificLines = new Set(
    [...bySecret.values()]
      .filter((r) => !heuristic.has(r.type))
      .map((r) => `${relativePath(r.filename)}:${r.line_number}`),
  );
  const kept = [...bySecret.values()].filter(
    (r) => !heuristic.has(r.type) || !specificLines.has(`${relativePath(r.filename)}:${r.line_number}`),
  );
  return kept.map((r): Finding => {
    const path = relativePath(r.filename);
    return {
      fingerprint: sha256(`detect-secrets\n${path}\n${r.hashed_secret}`).slice(0, 32),
      tool: { name: 'detect-secrets', version: toolVersion },
      ruleId: `detect-secrets.${slug(r.type)}`,
      ruleName: r.type,
      severity: severityOfType(r.type),
      message: `Hard-coded secret (${r.type})`,
      location: { path, startLine: r.line_number, endLine: r.line_number },
      cwe: ['CWE-798'],
      artifacts: [],
    };
  });
}
