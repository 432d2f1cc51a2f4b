import { resolve } from 'node:path';
import { missingToolsError, runVerticalWorker } from '@fuzzforge/worker-runtime';
import { parseProcessEnv } from '@fuzzforge/platform';
import { createGoActivities } from './activities';
import { GoWorkerEnv } from './env';
import { locateGoTools } from './goTools';
import { locateGoToolchain } from './provisionGoToolchain';
import { gosecBinaryOf } from './provisionGosec';

const env = parseProcessEnv(GoWorkerEnv, process.env, 'worker-go');
await runVerticalWorker({
  vertical: 'go',
  env,
  tools: async (provisionCommand) => {
    const located = await locateGoTools(
      env.FF_GOSEC_PATH ?? gosecBinaryOf(resolve(env.FF_STACK_DIR)),
      env.FF_GO_BINARY,
    );
    const goToolchain = await locateGoToolchain({
      FF_GO_BINARY: env.FF_GO_BINARY,
      FF_GO_BUILD_CACHE: resolve(env.FF_GO_BUILD_CACHE),
    });
    if (!located.ok || !goToolchain) {
      throw missingToolsError(
        [...(located.ok ? [] : located.missing), ...(goToolchain ? [] : ['go for fuzzing (FF_GO_BINARY)'])],
        provisionCommand,
      );
    }
    return { ...located.tools, goToolchain };
  },
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: ({ tools: { goToolchain, ...gosec }, ...deps }) => {
    deps.log.info('go tools', { ...gosec, goToolchain });
    return createGoActivities({ ...deps, gosec, goToolchain });
  },
});
