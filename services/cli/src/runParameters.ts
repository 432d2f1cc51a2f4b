import { usageError } from './exitCodes';

/**
 * `k=v` → [k, value]: the value parsed as JSON when it parses (`3` → 3, `true`, `[1,2]`, `"x"`), else
 * kept as the string it is (`main`, `a=b`). Dotted keys are not nested: a parameter name is one key.
 */
export function parseParamAssignment(raw: string): [string, unknown] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw usageError(`--param ${raw} is not KEY=VALUE, e.g. --param durationSeconds=60.`);
  const key = raw.slice(0, eq);
  const text = raw.slice(eq + 1);
  try {
    return [key, JSON.parse(text) as unknown];
  } catch {
    return [key, text];
  }
}

/** The parameters of a run: the --params-file object, overridden key by key by each --param. */
export function runParameters(fileContent: string | undefined, assignments: readonly string[]) {
  let base: Record<string, unknown> = {};
  if (fileContent !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fileContent);
    } catch (err) {
      throw usageError(`--params-file is not valid JSON (${(err as Error).message}).`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw usageError('--params-file must hold a JSON object of parameter names to values.');
    }
    base = parsed as Record<string, unknown>;
  }
  return { ...base, ...Object.fromEntries(assignments.map(parseParamAssignment)) };
}
