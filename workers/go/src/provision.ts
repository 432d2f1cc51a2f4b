import type { Logger } from '@fuzzforge/observability';
import { provisionGoBinary } from './provisionGoToolchain';
import { provisionGosec } from './provisionGosec';

/**
 * Installs the go vertical's toolchain under `<stackRoot>/tools` (idempotent) and returns the
 * environment its worker needs. FF_GOSEC_PATH and FF_GO_BINARY, when already set, win over
 * provisioning.
 */
export async function provisionGoVertical(
  stackRoot: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<Record<string, string>> {
  const go = await provisionGoBinary(env);
  return {
    FF_GOSEC_PATH: env['FF_GOSEC_PATH'] ?? (await provisionGosec(stackRoot, log)),
    FF_GO_BINARY: go,
  };
}
export { locateGoToolchain, provisionGoBinary, type GoToolchain } from './provisionGoToolchain';
