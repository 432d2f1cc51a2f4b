import type { Logger } from '@fuzzforge/observability';
import { provisionAtheris } from './provisionAtheris';
import { provisionPythonTools } from './provisionPythonTools';

/**
 * Installs the python vertical's toolchain under `<stackRoot>/tools` (idempotent) and returns the
 * environment its worker needs. FF_BANDIT_PATH, FF_SEMGREP_PATH and FF_ATHERIS_PYTHON, when already
 * set, win.
 */
export async function provisionPythonVertical(
  stackRoot: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<Record<string, string>> {
  const bandit = env['FF_BANDIT_PATH'] || undefined;
  const semgrep = env['FF_SEMGREP_PATH'] || undefined;
  const installed = bandit && semgrep ? undefined : await provisionPythonTools(stackRoot, log);
  return {
    FF_BANDIT_PATH: bandit ?? installed!.bandit,
    FF_SEMGREP_PATH: semgrep ?? installed!.semgrep,
    FF_ATHERIS_PYTHON: env['FF_ATHERIS_PYTHON'] || (await provisionAtheris(stackRoot, log)),
  };
}
export { provisionPythonTools, pythonToolPins } from './provisionPythonTools';
export { atherisVersion, locateAtheris, provisionAtheris, type AtherisToolchain } from './provisionAtheris';
