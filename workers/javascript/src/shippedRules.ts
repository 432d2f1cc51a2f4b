import { fileURLToPath } from 'node:url';

/** Rule and config files this vertical ships in `workers/javascript/rules`, by absolute path. */
export const shippedRules = {
  /** ESLint flat config enabling eslint-plugin-security (passed with -c; never found by lookup). */
  eslintConfig: fileURLToPath(new URL('../rules/eslint-security.config.mjs', import.meta.url)),
  /** semgrep's rules: the only rules semgrep runs (no registry). */
  semgrep: fileURLToPath(new URL('../rules/javascript.semgrep.yml', import.meta.url)),
};
