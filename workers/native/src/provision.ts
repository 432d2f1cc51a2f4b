import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { ProvisionError, provisionPipVenv } from '@fuzzforge/worker-runtime/provision';
import { aptInstall } from './aptInstall';
import { provisionFuzzToolchain } from './provisionFuzzToolchain';
import { cppcheckTool, flawfinderTool, locateTool, nativeTools } from './nativeTools';

/** The PyPI flawfinder used when Debian's cannot be installed. */
export const flawfinderPypiVersion = '2.0.20';
const flawfinderVenvDir = (stackRoot: string): string => path.join(stackRoot, 'tools', 'flawfinder-venv');
const flawfinderVenvBinary = (stackRoot: string): string =>
  path.join(flawfinderVenvDir(stackRoot), 'bin', 'flawfinder');

/**
 * Makes cppcheck, flawfinder and the fuzzing toolchain (clang with libFuzzer, llvm-symbolizer, AFL++)
 * available and returns the environment the native worker needs: their absolute paths. Idempotent:
 * when every tool answers, nothing is installed. Route: Debian packages via apt-get; flawfinder falls
 * back to a PyPI venv under `<stackRoot>/tools`. FF_CPPCHECK_PATH / FF_FLAWFINDER_PATH and the
 * toolchain's variables (fuzzToolchain.ts), when already set, win and are only checked.
 */
export async function provisionNativeVertical(
  stackRoot: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<Record<string, string>> {
  for (const tool of nativeTools) {
    const configured = env[tool.envVar];
    if (configured && !(await locateTool(tool, env))) {
      throw new ProvisionError(
        'prerequisite-missing',
        `${tool.envVar}=${configured} does not answer \`${tool.name} --version\``,
        `point ${tool.envVar} at a working ${tool.name}, or unset it and run \`npm run provision -- native\``,
      );
    }
  }
  const venvFlawfinder = [flawfinderVenvBinary(stackRoot)];
  let cppcheck = await locateTool(cppcheckTool, env);
  let flawfinder = await locateTool(flawfinderTool, env, venvFlawfinder);
  if (!cppcheck || !flawfinder) {
    const missing = nativeTools.filter((t) => (t === cppcheckTool ? !cppcheck : !flawfinder));
    const apt = await aptInstall(
      missing.map((t) => t.debianPackage),
      log,
    );
    if (!apt.ok) log.warn('apt-get could not install the C/C++ tools', { reason: apt.reason });
    cppcheck ??= await locateTool(cppcheckTool, env);
    flawfinder ??= await locateTool(flawfinderTool, env, venvFlawfinder);
    // cppcheck has no route but Debian's: without it there is nothing to fall back to.
    if (!cppcheck) {
      throw new ProvisionError(
        'prerequisite-missing',
        `cppcheck is not installed and could not be: ${apt.ok ? 'apt-get installed it, yet it does not answer' : apt.reason}`,
        'as root: apt-get update && apt-get install -y cppcheck flawfinder (or install cppcheck ≥ 2.10 and set FF_CPPCHECK_PATH)',
      );
    }
    if (!flawfinder) {
      await provisionPipVenv({
        dir: flawfinderVenvDir(stackRoot),
        packages: { flawfinder: flawfinderPypiVersion },
        binaries: ['flawfinder'],
        log,
      });
      flawfinder = await locateTool(flawfinderTool, env, venvFlawfinder);
    }
    if (!flawfinder) {
      throw new ProvisionError(
        'install-failed',
        `flawfinder ${flawfinderPypiVersion} was installed from PyPI but does not answer \`flawfinder --version\``,
        'install flawfinder yourself (apt-get install flawfinder, or pip) and set FF_FLAWFINDER_PATH',
      );
    }
  }
  log.info('C/C++ tools ready', { cppcheck: cppcheck.version, flawfinder: flawfinder.version });
  const fuzzToolchain = await provisionFuzzToolchain(env, log);
  return { FF_CPPCHECK_PATH: cppcheck.path, FF_FLAWFINDER_PATH: flawfinder.path, ...fuzzToolchain };
}
