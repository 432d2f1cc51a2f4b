import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { provisionPipVenv } from '@fuzzforge/worker-runtime/provision';
import { detectSecretsVersion } from './detectSecretsAdapter';
import { provisionGitleaks } from './provisionGitleaks';

export { provisionGitleaks } from './provisionGitleaks';

/**
 * Installs the secrets vertical's toolchain under `<stackRoot>/tools` (idempotent): gitleaks built with
 * `go install`, detect-secrets in a venv from PyPI. Returns the environment its worker needs; variables
 * already set win over provisioning.
 */
export async function provisionSecretsVertical(
  stackRoot: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<Record<string, string>> {
  const gitleaks = env['FF_GITLEAKS_PATH'] ?? (await provisionGitleaks(stackRoot, log));
  const detectSecrets =
    env['FF_DETECT_SECRETS_PATH'] ??
    (
      await provisionPipVenv({
        dir: path.join(stackRoot, 'tools', 'secrets-venv'),
        packages: { 'detect-secrets': detectSecretsVersion },
        binaries: ['detect-secrets'],
        log,
      })
    )['detect-secrets']!;
  return { FF_GITLEAKS_PATH: gitleaks, FF_DETECT_SECRETS_PATH: detectSecrets };
}
