import type { Logger } from '@fuzzforge/observability';
import { provisionGitleaks } from './provisionGitleaks';

/**
 * Installs the secrets vertical's toolchain under `<stackRoot>/tools` (idempotent) and returns the
 * environment its worker needs. FF_GITLEAKS_PATH, when already set, wins over provisioning.
 */
export async function provisionSecretsVertical(
  stackRoot: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<Record<string, string>> {
  return { FF_GITLEAKS_PATH: env['FF_GITLEAKS_PATH'] ?? (await provisionGitleaks(stackRoot, log)) };
}
export { provisionGitleaks } from './provisionGitleaks';
