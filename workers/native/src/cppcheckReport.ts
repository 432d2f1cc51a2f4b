import type { Finding, Severity } from '@fuzzforge/contracts';
import { fingerprinter, relativeFindingPath, type SourceLineOf } from '@fuzzforge/worker-runtime';
import { readCppcheckXml } from './cppcheckXml';

/** Severity of a cppcheck message from its own severity (README "Severity mapping"). */
export function severityOfCppcheck(severity: string): Severity {
  switch (severity) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'style':
    case 'performance':
    case 'portability':
      return 'low';
    default:
      return 'info';
  }
}

// Reports about the analysis itself (a file cppcheck could not parse or configure, an internal
// error), not flaws in the code: they would only be noise in code scanning.
const analysisDiagnostics = new Set([
  'syntaxError',
  'internalAstError',
  'internalError',
  'cppcheckError',
  'preprocessorErrorDirective',
  'unknownMacro',
  'missingInclude',
  'missingIncludeSystem',
  'toomanyconfigs',
  'noValidConfiguration',
  'normalCheckLevelMaxBranches',
  'checkersReport',
  'purgedConfiguration',
  'unmatchedSuppression',
]);

export interface CppcheckParseOptions {
  toolVersion: string;
  /** The workspace's names, stripped from absolute paths. */
  roots: readonly string[];
  /** The flagged line of a workspace file: cppcheck's XML does not carry it. */
  sourceLineOf: SourceLineOf;
}

interface Hit {
  id: string;
  severity: string;
  message: string;
  cwe: string[];
  path: string;
  line: number | undefined;
  column: number | undefined;
}

const positive = (value: string | undefined): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * Turns cppcheck's XML v2 report into normalised findings: rule ids `cppcheck.<id>`, CWE from the
 * report, the primary (first) location, and a fingerprint over the flagged source line. A message
 * cppcheck repeats for several preprocessor configurations is one finding.
 */
export function findingsFromCppcheck(xml: string, o: CppcheckParseOptions): Finding[] {
  const hits = new Map<string, Hit>();
  for (const error of readCppcheckXml(xml).errors) {
    const { id, severity = 'none', msg, verbose, cwe } = error.attributes;
    const at = error.locations[0];
    if (!id || !at?.['file'] || analysisDiagnostics.has(id) || severity === 'debug') continue;
    const hit: Hit = {
      id,
      severity,
      message: msg || verbose || `cppcheck ${id}`,
      cwe: positive(cwe) ? [`CWE-${cwe}`] : [],
      path: relativeFindingPath(at['file'], o.roots),
      line: positive(at['line']),
      column: positive(at['column']),
    };
    const place = [hit.id, hit.path, hit.line, hit.column].join('\n');
    if (!hits.has(place)) hits.set(place, hit);
  }
  const ordered = [...hits.values()].sort(
    (a, b) =>
      a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  const fingerprint = fingerprinter('cppcheck');
  return ordered.map((hit): Finding => {
    const ruleId = `cppcheck.${hit.id}`;
    const source = hit.line === undefined ? undefined : o.sourceLineOf(hit.path, hit.line);
    const snippet = source?.trimEnd();
    return {
      fingerprint: fingerprint(ruleId, hit.path, source ?? hit.message),
      tool: { name: 'cppcheck', version: o.toolVersion },
      ruleId,
      ruleName: hit.id,
      severity: severityOfCppcheck(hit.severity),
      message: hit.message,
      location: {
        path: hit.path,
        ...(hit.line === undefined ? {} : { startLine: hit.line, endLine: hit.line }),
        ...(hit.column === undefined ? {} : { startColumn: hit.column }),
        ...(snippet ? { snippet: snippet.slice(0, 4000) } : {}),
      },
      cwe: hit.cwe,
      artifacts: [],
    };
  });
}
