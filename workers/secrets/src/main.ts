import { runVerticalWorker, toolPaths } from '@fuzzforge/worker-runtime';
import { parseProcessEnv } from '@fuzzforge/platform';
import { createSecretsActivities } from './activities';
import { SecretsWorkerEnv } from './env';

const env = parseProcessEnv(SecretsWorkerEnv, process.env, 'worker-secrets');
const requiredTools = toolPaths({
  FF_GITLEAKS_PATH: env.FF_GITLEAKS_PATH,
  FF_DETECT_SECRETS_PATH: env.FF_DETECT_SECRETS_PATH,
});
await runVerticalWorker({
  vertical: 'secrets',
  env,
  tools: requiredTools,
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: ({ tools, ...deps }) =>
    createSecretsActivities({
      ...deps,
      gitleaksPath: tools.FF_GITLEAKS_PATH,
      detectSecretsPath: tools.FF_DETECT_SECRETS_PATH,
    }),
});
