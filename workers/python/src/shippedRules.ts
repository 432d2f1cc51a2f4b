import { fileURLToPath } from 'node:url';

/** Rule and config files this vertical ships in `workers/python/rules`, by absolute path. */
export const shippedRules = {
  /** semgrep's rules: the only rules semgrep runs (no registry). */
  semgrep: fileURLToPath(new URL('../rules/python.semgrep.yml', import.meta.url)),
  /** An empty bandit ini: passed so a `.bandit` file inside the target is never read. */
  banditIni: fileURLToPath(new URL('../rules/bandit.ini', import.meta.url)),
};
