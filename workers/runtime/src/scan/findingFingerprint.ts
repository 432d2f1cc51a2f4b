import { createHash } from 'node:crypto';

/** Code with every run of whitespace collapsed: re-indenting or re-wrapping a line keeps its identity. */
export const normalisedCode = (code: string): string => code.replace(/\s+/g, ' ').trim();

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Fingerprints for the findings of one tool report: a hash of tool, rule, path and the normalised
 * matched code — never the line number, so unrelated edits above a finding keep it. The n-th repeat of
 * identical code in one file gets its occurrence number, so two identical flawed lines stay two
 * findings. Feed findings in file order (path, then line) for the numbering to be stable.
 */
export function fingerprinter(tool: string): (ruleId: string, path: string, code: string) => string {
  const seen = new Map<string, number>();
  return (ruleId, path, code) => {
    const key = `${tool}\n${ruleId}\n${path}\n${normalisedCode(code)}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return sha256(occurrence === 1 ? key : `${key}\n#${occurrence}`).slice(0, 32);
  };
}
