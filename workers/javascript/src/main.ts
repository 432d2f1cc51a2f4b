import { runVerticalWorker, toolPaths } from '@fuzzforge/worker-runtime';
import { parseProcessEnv } from '@fuzzforge/platform';
import { createJavascriptActivities } from './activities';
import { JavascriptWorkerEnv } from './env';

const env = parseProcessEnv(JavascriptWorkerEnv, process.env, 'worker-javascript');
const requiredTools = toolPaths({ FF_ESLINT_PATH: env.FF_ESLINT_PATH, FF_SEMGREP_PATH: env.FF_SEMGREP_PATH });
await runVerticalWorker({
  vertical: 'javascript',
  env,
  tools: requiredTools,
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: ({ tools, ...deps }) =>
    createJavascriptActivities({
      ...deps,
      eslintPath: tools.FF_ESLINT_PATH,
      semgrepPath: tools.FF_SEMGREP_PATH,
      nodePath: process.execPath,
    }),
});
