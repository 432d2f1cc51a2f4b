import type { BuiltHarness, FuzzEngineAdapter, InputLimits } from '@fuzzforge/worker-runtime';
import type { RustToolchain } from '../rustToolchain';
import { buildCargoFuzzHarness } from './cargoFuzzBuild';
import { isCargoFuzzNoiseFrame, parseCargoFuzzCrash } from './cargoFuzzCrash';
import { runCargoFuzzSession } from './cargoFuzzSession';
import { discoverCargoFuzzHarnesses } from './harnessDiscovery';
import { defaultInputLimits } from './libFuzzerArgs';
import { mergeInputs, minimizeInput, reproduceInput } from './libFuzzerModes';

/**
 * The cargo-fuzz engine: harnesses are the `[[bin]]` targets of `fuzz/Cargo.toml` files, built by
 * cargo-fuzz with ASan on the stable toolchain, run as plain libFuzzer binaries.
 */
export function cargoFuzzEngine(toolchain: RustToolchain): FuzzEngineAdapter {
  // The per-input limits each binary last fuzzed with: a re-run judges a hang or an OOM by the same
  // limits as the session that found it (the adapter interface does not pass them to a re-run).
  const limits = new Map<string, InputLimits>();
  const limitsOf = (built: BuiltHarness): InputLimits => limits.get(built.binary) ?? defaultInputLimits;
  return {
    engine: 'cargo-fuzz',
    coverageUnit: 'features',
    version: `${toolchain.cargoFuzzVersion} (rustc ${toolchain.rustcVersion})`,
    discover: discoverCargoFuzzHarnesses,
    build: (harness, ctx) => buildCargoFuzzHarness(toolchain, harness, ctx),
    fuzz: (session, ctx) => {
      const { timeoutPerInputMs, memoryMb } = session.budget;
      limits.set(session.built.binary, { timeoutPerInputMs, memoryMb });
      return runCargoFuzzSession(toolchain, session, ctx);
    },
    reproduce: (built, input, ctx) => reproduceInput(toolchain, built, input, limitsOf(built), ctx),
    parseCrash: parseCargoFuzzCrash,
    minimize: (built, input, output, ctx) =>
      minimizeInput(toolchain, built, input, output, limitsOf(built), ctx),
    mergeCorpus: (built, sources, output, ctx) =>
      mergeInputs(toolchain, built, sources, output, limitsOf(built), ctx),
    isNoiseFrame: isCargoFuzzNoiseFrame,
  };
}
