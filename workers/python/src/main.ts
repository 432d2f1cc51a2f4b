import { runVerticalWorker, toolPaths } from '@fuzzforge/worker-runtime';
import { createPythonActivities } from './activities';
import { PythonWorkerEnv } from './env';

const env = PythonWorkerEnv.parse(process.env);
const requiredTools = toolPaths({ FF_BANDIT_PATH: env.FF_BANDIT_PATH, FF_SEMGREP_PATH: env.FF_SEMGREP_PATH });
await runVerticalWorker({
  vertical: 'python',
  env,
  tools: requiredTools,
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: ({ tools, ...deps }) =>
    createPythonActivities({ ...deps, banditPath: tools.FF_BANDIT_PATH, semgrepPath: tools.FF_SEMGREP_PATH }),
});
