import { z } from 'zod';
import type { Finding, Severity } from '@fuzzforge/contracts';
import { fingerprinter, relativeFindingPath } from '@fuzzforge/worker-runtime';

/** One message of ESLint's JSON formatter (fields we use). */
const EslintMessage = z.object({
  /** null for a parse error: the file was not analysed, which is no finding. */
  ruleId: z.string().nullable(),
  message: z.string(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
  endColumn: z.number().int().positive().optional(),
});
const EslintFileResult = z.object({
  filePath: z.string().min(1),
  messages: z.array(EslintMessage),
  /** The file's text, included by ESLint whenever it reports something for the file. */
  source: z.string().optional(),
});
const EslintReport = z.array(EslintFileResult);
type EslintMessage = z.infer<typeof EslintMessage>;

interface RuleFacts {
  severity: Severity;
  cwe?: string;
}

/** eslint-plugin-security's rules: how much each matters, and the weakness it points at. */
const securityRules: Record<string, RuleFacts> = {
  'security/detect-eval-with-expression': { severity: 'high', cwe: 'CWE-95' },
  'security/detect-child-process': { severity: 'high', cwe: 'CWE-78' },
  'security/detect-disable-mustache-escape': { severity: 'high', cwe: 'CWE-79' },
  'security/detect-no-csrf-before-method-override': { severity: 'high', cwe: 'CWE-352' },
  'security/detect-bidi-characters': { severity: 'high' },
  'security/detect-non-literal-fs-filename': { severity: 'medium', cwe: 'CWE-22' },
  'security/detect-non-literal-require': { severity: 'medium' },
  'security/detect-unsafe-regex': { severity: 'medium', cwe: 'CWE-1333' },
  'security/detect-non-literal-regexp': { severity: 'medium', cwe: 'CWE-1333' },
  'security/detect-possible-timing-attacks': { severity: 'medium', cwe: 'CWE-208' },
  'security/detect-pseudoRandomBytes': { severity: 'medium', cwe: 'CWE-338' },
  'security/detect-buffer-noassert': { severity: 'medium', cwe: 'CWE-119' },
  'security/detect-new-buffer': { severity: 'low' },
  'security/detect-invisible-characters': { severity: 'low' },
  // Flags every obj[variable]: mostly noise, occasionally prototype pollution.
  'security/detect-object-injection': { severity: 'low', cwe: 'CWE-1321' },
};

/** Severity of an ESLint rule (README "Severity mapping"); rules outside the table are low. */
export const severityOfEslintRule = (ruleId: string): Severity => securityRules[ruleId]?.severity ?? 'low';

/** The CWE an ESLint rule points at, where one fits. */
export const cweOfEslintRule = (ruleId: string): string[] => {
  const cwe = securityRules[ruleId]?.cwe;
  return cwe ? [cwe] : [];
};

/** The text ESLint flagged (1-based lines and columns, end exclusive), or '' when unknown. */
function flaggedText(lines: string[] | undefined, m: EslintMessage): string {
  if (!lines || m.line === undefined) return '';
  const endLine = m.endLine ?? m.line;
  const picked = lines.slice(m.line - 1, endLine);
  if (picked.length === 0) return '';
  const last = picked.length - 1;
  if (m.endColumn !== undefined) picked[last] = picked[last]!.slice(0, m.endColumn - 1);
  picked[0] = picked[0]!.slice((m.column ?? 1) - 1);
  return picked.join('\n');
}

export interface EslintParseOptions {
  toolVersion: string;
  /** Where ESLint ran: it prints absolute paths, made relative to these (the workspace and its real path). */
  roots: readonly string[];
}

/**
 * Turns ESLint's JSON report into normalised findings: rule ids `eslint.<rule>`, severity and CWE from
 * the rule table, and a fingerprint over the flagged code (ESLint includes the file's source).
 */
export function findingsFromEslint(reportJson: string, o: EslintParseOptions): Finding[] {
  const files = EslintReport.parse(JSON.parse(reportJson))
    .map((file) => ({ ...file, path: relativeFindingPath(file.filePath, o.roots) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const fingerprint = fingerprinter('eslint');
  const findings: Finding[] = [];
  for (const file of files) {
    const lines = file.source?.split('\n');
    const messages = file.messages
      .filter((m): m is EslintMessage & { ruleId: string } => m.ruleId !== null)
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    for (const m of messages) {
      const ruleId = `eslint.${m.ruleId}`;
      const code = flaggedText(lines, m);
      const snippet =
        lines && m.line !== undefined
          ? lines
              .slice(m.line - 1, m.endLine ?? m.line)
              .map((l) => l.trimEnd())
              .join('\n')
          : '';
      findings.push({
        fingerprint: fingerprint(ruleId, file.path, code || m.message),
        tool: { name: 'eslint', version: o.toolVersion },
        ruleId,
        ruleName: m.ruleId,
        severity: severityOfEslintRule(m.ruleId),
        message: m.message,
        location: {
          path: file.path,
          ...(m.line === undefined
            ? {}
            : {
                startLine: m.line,
                endLine: Math.max(m.endLine ?? m.line, m.line),
                ...(m.column === undefined ? {} : { startColumn: m.column }),
                ...(m.endColumn === undefined ? {} : { endColumn: m.endColumn }),
              }),
          ...(snippet ? { snippet: snippet.slice(0, 4000) } : {}),
        },
        cwe: cweOfEslintRule(m.ruleId),
        artifacts: [],
      });
    }
  }
  return findings;
}
