import type { Logger } from '@fuzzforge/observability';
import { ProvisionError } from '@fuzzforge/worker-runtime/provision';
import { aptInstall } from './aptInstall';
import {
  fuzzToolchainPackages,
  probeNativeFuzzToolchain,
  type FuzzToolchainEnvVar,
  type NativeFuzzToolchain,
} from './fuzzToolchain';

const allPackages = [...new Set(Object.values(fuzzToolchainPackages).flat())];

/**
 * Makes clang with libFuzzer, llvm-symbolizer and AFL++ available and returns the variables naming
 * them. Idempotent: when every part answers, nothing is installed. Route: Debian packages via apt-get,
 * only those of the missing parts. A variable already set wins and is only checked.
 */
export async function provisionFuzzToolchain(
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<Record<FuzzToolchainEnvVar, string>> {
  let probe = await probeNativeFuzzToolchain(env);
  for (const { envVar, what } of probe.missing) {
    const configured = env[envVar];
    if (configured) {
      throw new ProvisionError(
        'prerequisite-missing',
        `${envVar}=${configured} is not a working ${what}`,
        `point ${envVar} at one, or unset it and run \`npm run provision -- native\``,
      );
    }
  }
  let aptFailure: string | undefined;
  if (probe.missing.length > 0) {
    const packages = [...new Set(probe.missing.flatMap((m) => fuzzToolchainPackages[m.envVar]))];
    const apt = await aptInstall(packages, log);
    if (!apt.ok) {
      aptFailure = apt.reason;
      log.warn('apt-get could not install the C/C++ fuzzing toolchain', { reason: apt.reason });
    }
    probe = await probeNativeFuzzToolchain(env);
  }
  const { toolchain } = probe;
  if (!toolchain) {
    // Nothing but Debian's packages carries this toolchain in a form we know: no fallback route.
    throw new ProvisionError(
      'prerequisite-missing',
      `the C/C++ fuzzing toolchain is incomplete (${probe.missing.map((m) => m.what).join('; ')}): ${
        aptFailure ?? 'apt-get installed it, yet it does not answer'
      }`,
      `as root: apt-get update && apt-get install -y ${allPackages.join(' ')} (or set ${probe.missing
        .map((m) => m.envVar)
        .join(', ')})`,
    );
  }
  log.info('C/C++ fuzzing toolchain ready', { clang: toolchain.clang.version, afl: toolchain.afl.version });
  return fuzzToolchainEnv(toolchain);
}

/** The variables that name `toolchain`, as provisioning hands them to the worker. */
export function fuzzToolchainEnv(toolchain: NativeFuzzToolchain): Record<FuzzToolchainEnvVar, string> {
  return {
    FF_CLANG_PATH: toolchain.clang.cc,
    FF_LLVM_SYMBOLIZER_PATH: toolchain.llvmSymbolizer,
    FF_AFL_FUZZ_PATH: toolchain.afl.fuzz,
    FF_AFL_CC_PATH: toolchain.afl.cc,
  };
}
