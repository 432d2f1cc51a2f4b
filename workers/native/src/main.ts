import { missingToolsError, runVerticalWorker } from '@fuzzforge/worker-runtime';
import { parseProcessEnv } from '@fuzzforge/platform';
import { createNativeActivities } from './activities';
import { NativeWorkerEnv } from './env';
import { flawfinderBinaryOf } from './flawfinderBinary';
import { probeNativeFuzzToolchain } from './fuzzToolchain';
import { cppcheckTool, flawfinderTool, locateTool } from './nativeTools';

const env = parseProcessEnv(NativeWorkerEnv, process.env, 'worker-native');
await runVerticalWorker({
  vertical: 'native',
  env,
  tools: async (provisionCommand) => {
    const toolEnv = {
      PATH: process.env['PATH'],
      FF_CPPCHECK_PATH: env.FF_CPPCHECK_PATH,
      FF_FLAWFINDER_PATH: env.FF_FLAWFINDER_PATH,
    };
    const [cppcheck, flawfinder, fuzzing] = await Promise.all([
      locateTool(cppcheckTool, toolEnv),
      locateTool(flawfinderTool, toolEnv),
      probeNativeFuzzToolchain(process.env),
    ]);
    const fuzzToolchain = fuzzing.toolchain;
    if (cppcheck && flawfinder && fuzzToolchain) return { cppcheck, flawfinder, fuzzToolchain };
    const missing = [
      ...(cppcheck ? [] : ['cppcheck (FF_CPPCHECK_PATH)']),
      ...(flawfinder ? [] : ['flawfinder (FF_FLAWFINDER_PATH)']),
      ...fuzzing.missing.map((m) => `${m.what} (${m.envVar})`),
    ];
    throw missingToolsError(missing, provisionCommand);
  },
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: async ({ tools: { cppcheck, flawfinder, fuzzToolchain }, ...deps }) => {
    deps.log.info('C/C++ tools', { cppcheck, flawfinder, fuzzToolchain });
    return createNativeActivities({
      ...deps,
      fuzzToolchain,
      cppcheck,
      flawfinder: await flawfinderBinaryOf(flawfinder.path, flawfinder.version),
    });
  },
});
