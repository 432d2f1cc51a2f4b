import { resolve } from 'node:path';
import { missingToolsError, runVerticalWorker } from '@fuzzforge/worker-runtime';
import { createGoActivities } from './activities';
import { GoWorkerEnv } from './env';
import { locateGoTools } from './goTools';
import { gosecBinaryOf } from './provisionGosec';

const env = GoWorkerEnv.parse(process.env);
await runVerticalWorker({
  vertical: 'go',
  env,
  tools: async (provisionCommand) => {
    const located = await locateGoTools(
      env.FF_GOSEC_PATH ?? gosecBinaryOf(resolve(env.FF_STACK_DIR)),
      env.FF_GO_BINARY,
    );
    if (!located.ok) throw missingToolsError(located.missing, provisionCommand);
    return located.tools;
  },
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: ({ tools, ...deps }) => {
    deps.log.info('go tools', { ...tools });
    return createGoActivities({ ...deps, gosec: tools });
  },
});
