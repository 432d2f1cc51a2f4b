import { missingToolsError, runVerticalWorker } from '@fuzzforge/worker-runtime';
import { createNativeActivities } from './activities';
import { NativeWorkerEnv } from './env';
import { flawfinderBinaryOf } from './flawfinderBinary';
import { cppcheckTool, flawfinderTool, locateTool } from './nativeTools';

const env = NativeWorkerEnv.parse(process.env);
await runVerticalWorker({
  vertical: 'native',
  env,
  tools: async (provisionCommand) => {
    const toolEnv = {
      PATH: process.env['PATH'],
      FF_CPPCHECK_PATH: env.FF_CPPCHECK_PATH,
      FF_FLAWFINDER_PATH: env.FF_FLAWFINDER_PATH,
    };
    const [cppcheck, flawfinder] = await Promise.all([
      locateTool(cppcheckTool, toolEnv),
      locateTool(flawfinderTool, toolEnv),
    ]);
    if (cppcheck && flawfinder) return { cppcheck, flawfinder };
    const missing = [
      ...(cppcheck ? [] : ['cppcheck (FF_CPPCHECK_PATH)']),
      ...(flawfinder ? [] : ['flawfinder (FF_FLAWFINDER_PATH)']),
    ];
    throw missingToolsError(missing, provisionCommand);
  },
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: async ({ tools: { cppcheck, flawfinder }, ...deps }) => {
    deps.log.info('C/C++ tools', { cppcheck, flawfinder });
    return createNativeActivities({
      ...deps,
      cppcheck,
      flawfinder: await flawfinderBinaryOf(flawfinder.path, flawfinder.version),
    });
  },
});
