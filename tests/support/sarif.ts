import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type SarifCheck = (log: unknown) => { valid: boolean; errors: string };

/**
 * A validator for the official SARIF 2.1.0 schema shipped in contracts/sarif (the one GitHub code
 * scanning checks uploads against).
 */
export async function sarifValidator(): Promise<SarifCheck> {
  const schema = JSON.parse(
    await readFile(path.join(repoRoot, 'contracts', 'sarif', 'sarif-2.1.0-rtm.5.schema.json'), 'utf8'),
  ) as object;
  // unicodeRegExp off: one pattern in the published schema is not valid under the regex `u` flag.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (log) => ({ valid: validate(log), errors: JSON.stringify(validate.errors) });
}
