import type { Finding, Severity } from '@fuzzforge/contracts';
import { fingerprinter, relativeFindingPath, type SourceLineOf } from '@fuzzforge/worker-runtime';
import { csvTable } from './csvTable';

/** Severity of a flawfinder hit from its risk level 0-5 (README "Severity mapping"). */
export function severityOfFlawfinder(level: number): Severity {
  if (level >= 5) return 'critical';
  if (level === 4) return 'high';
  if (level === 3) return 'medium';
  if (level >= 1) return 'low';
  return 'info';
}

// The columns of `flawfinder --csv` (2.0.x) we read; others (Fingerprint, HelpUri, ...) are ignored.
const required = ['File', 'Line', 'Column', 'Level', 'Category', 'Name', 'Warning', 'CWEs', 'Context'];

export interface FlawfinderParseOptions {
  toolVersion: string;
  roots: readonly string[];
  /** Fallback for the flagged line when flawfinder printed no context. */
  sourceLineOf: SourceLineOf;
}

const positive = (value: string | undefined): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** `CWE-119!/CWE-120` (flawfinder marks the most specific one with `!`) → `['CWE-119', 'CWE-120']`. */
export const cwesOf = (text: string): string[] => [
  ...new Set([...text.matchAll(/CWE-(\d+)/g)].map((m) => `CWE-${m[1]}`)),
];

/**
 * Turns `flawfinder --csv` output into normalised findings: rule ids `flawfinder.<category>/<name>`
 * (e.g. `flawfinder.buffer/strcpy`), CWE from the CWEs column, and a fingerprint over the flagged
 * source line (flawfinder's Context column), never its number. CSV, not SARIF: it carries the exact
 * risk level and honours --minlevel, and a header names every column.
 */
export function findingsFromFlawfinder(csv: string, o: FlawfinderParseOptions): Finding[] {
  // flawfinder ends every row with a line break: output without one was cut off.
  if (csv !== '' && !csv.endsWith('\n')) throw new Error('flawfinder CSV is cut off mid-row');
  const { header, records } = csvTable(csv);
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length) throw new Error(`not flawfinder CSV: no column ${missing.join(', ')}`);
  const hits = records
    .map((r) => ({
      r,
      path: relativeFindingPath(r['File'] as string, o.roots),
      line: positive(r['Line']),
      column: positive(r['Column']),
    }))
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
  const fingerprint = fingerprinter('flawfinder');
  return hits.map(({ r, path, line, column }): Finding => {
    const name = `${r['Category']}/${r['Name']}`;
    const ruleId = `flawfinder.${name}`;
    const context = r['Context'] || (line === undefined ? undefined : o.sourceLineOf(path, line));
    const message = [r['Warning'], r['Suggestion'], r['Note']].filter(Boolean).join(' ');
    const snippet = context?.trimEnd();
    return {
      fingerprint: fingerprint(ruleId, path, context ?? message),
      tool: { name: 'flawfinder', version: o.toolVersion },
      ruleId,
      ruleName: name,
      severity: severityOfFlawfinder(Number(r['Level'])),
      message: message || `flawfinder: ${name}`,
      location: {
        path,
        ...(line === undefined ? {} : { startLine: line, endLine: line }),
        ...(column === undefined ? {} : { startColumn: column }),
        ...(snippet ? { snippet: snippet.slice(0, 4000) } : {}),
      },
      cwe: cwesOf(r['CWEs'] ?? ''),
      artifacts: [],
    };
  });
}
