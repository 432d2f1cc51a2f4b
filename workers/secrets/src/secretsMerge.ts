import type { Finding } from '@fuzzforge/contracts';
import { mergeFindings } from '@fuzzforge/worker-runtime';

/**
 * Merges gitleaks' and detect-secrets' findings: a secret both tools flag on the same line is one
 * finding, gitleaks' (it has the rule, columns and a redacted snippet); detect-secrets adds only what
 * gitleaks missed.
 */
export function mergeSecretFindings(perTool: Finding[][]): Finding[] {
  const all = perTool.flat();
  const gitleaksLines = new Set(
    all
      .filter((f) => f.tool.name === 'gitleaks')
      .map((f) => `${f.location.path}:${f.location.startLine ?? 0}`),
  );
  const extra = all.filter(
    (f) =>
      f.tool.name !== 'gitleaks' && !gitleaksLines.has(`${f.location.path}:${f.location.startLine ?? 0}`),
  );
  return mergeFindings([all.filter((f) => f.tool.name === 'gitleaks'), extra]);
}
