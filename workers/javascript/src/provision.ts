import type { Logger } from '@fuzzforge/observability';
import { provisionPythonTools } from '@fuzzforge/worker-python/provision';
import { provisionEslint } from './provisionEslint';

/**
 * Installs the javascript vertical's toolchain under `<stackRoot>/tools` (idempotent) and returns the
 * environment its worker needs: eslint in its own npm prefix, semgrep from the python vertical's venv.
 * FF_ESLINT_PATH and FF_SEMGREP_PATH, when already set, win.
 */
export async function provisionJavascriptVertical(
  stackRoot: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<Record<string, string>> {
  return {
    FF_ESLINT_PATH: env['FF_ESLINT_PATH'] || (await provisionEslint(stackRoot, log)),
    FF_SEMGREP_PATH: env['FF_SEMGREP_PATH'] || (await provisionPythonTools(stackRoot, log)).semgrep,
  };
}
export { eslintToolPins, provisionEslint } from './provisionEslint';
