import type { Finding } from '@fuzzforge/contracts';

/** Drops repeated fingerprints (the first wins) and orders findings by file, line and rule. */
export function mergeFindings(lists: Finding[][]): Finding[] {
  const byFingerprint = new Map<string, Finding>();
  for (const list of lists)
    for (const f of list) if (!byFingerprint.has(f.fingerprint)) byFingerprint.set(f.fingerprint, f);
  return [...byFingerprint.values()].sort(
    (a, b) =>
      a.location.path.localeCompare(b.location.path) ||
      (a.location.startLine ?? 0) - (b.location.startLine ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
