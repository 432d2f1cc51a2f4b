import { noTools, runVerticalWorker } from '@fuzzforge/worker-runtime';
import { parseProcessEnv } from '@fuzzforge/platform';
import { createAssessmentActivities } from './activities';
import { childCatalog } from './childWorkflows';
import { AssessmentWorkerEnv } from './env';

const env = parseProcessEnv(AssessmentWorkerEnv, process.env, 'worker-assessment');
await runVerticalWorker({
  vertical: 'assessment',
  env,
  tools: noTools,
  workflows: new URL('./workflows.ts', import.meta.url),
  activities: ({ tools: _, ...deps }) =>
    createAssessmentActivities({
      ...deps,
      children: childCatalog,
      maxEntries: env.FF_ASSESSMENT_MAX_ENTRIES,
    }),
});
