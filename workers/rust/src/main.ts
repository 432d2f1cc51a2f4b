import { resolve } from 'node:path';
import { missingToolsError, runVerticalWorker } from '@fuzzforge/worker-runtime';
import { parseProcessEnv } from '@fuzzforge/platform';
import { createRustActivities } from './activities';
import { RustWorkerEnv } from './env';
import { locateRustToolchain } from './rustToolchain';

const env = parseProcessEnv(RustWorkerEnv, process.env, 'worker-rust');
await runVerticalWorker({
  vertical: 'rust',
  env,
  tools: async (provisionCommand) => {
    const toolchain = await locateRustToolchain({
      ...env,
      FF_CARGO_CACHE_DIR: resolve(env.FF_CARGO_CACHE_DIR),
    });
    if (!toolchain) {
      throw missingToolsError(
        ['cargo (FF_CARGO_PATH) and cargo-fuzz (FF_CARGO_FUZZ_PATH)'],
        provisionCommand,
      );
    }
    return toolchain;
  },
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: ({ tools, ...deps }) => {
    deps.log.info('rust toolchain', { ...tools });
    return createRustActivities({ ...deps, toolchain: tools });
  },
});
