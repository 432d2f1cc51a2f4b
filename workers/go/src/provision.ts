import type { Logger } from '@fuzzforge/observability';
import { provisionGosec } from './provisionGosec';

/**
 * Installs the go vertical's toolchain under `<stackRoot>/tools` (idempotent) and returns the
 * environment its worker needs. FF_GOSEC_PATH, when already set, wins over provisioning.
 */
export async function provisionGoVertical(
  stackRoot: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<Record<string, string>> {
  return { FF_GOSEC_PATH: env['FF_GOSEC_PATH'] ?? (await provisionGosec(stackRoot, log)) };
}
