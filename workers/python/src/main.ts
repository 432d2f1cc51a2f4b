import { missingToolsError, runVerticalWorker, toolPaths } from '@fuzzforge/worker-runtime';
import { parseProcessEnv } from '@fuzzforge/platform';
import { createPythonActivities } from './activities';
import { PythonWorkerEnv } from './env';
import { locateAtheris } from './provisionAtheris';

const env = parseProcessEnv(PythonWorkerEnv, process.env, 'worker-python');
const requiredTools = toolPaths({ FF_BANDIT_PATH: env.FF_BANDIT_PATH, FF_SEMGREP_PATH: env.FF_SEMGREP_PATH });
await runVerticalWorker({
  vertical: 'python',
  env,
  tools: async (provisionCommand) => {
    const [paths, atheris] = await Promise.all([
      requiredTools(provisionCommand),
      locateAtheris({ FF_ATHERIS_PYTHON: env.FF_ATHERIS_PYTHON }),
    ]);
    if (!atheris) throw missingToolsError(['atheris (FF_ATHERIS_PYTHON)'], provisionCommand);
    return { ...paths, atheris };
  },
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: ({ tools, ...deps }) =>
    createPythonActivities({
      ...deps,
      banditPath: tools.FF_BANDIT_PATH,
      semgrepPath: tools.FF_SEMGREP_PATH,
      atheris: tools.atheris,
    }),
});
