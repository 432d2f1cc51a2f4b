import { noTools, runVerticalWorker } from '@fuzzforge/worker-runtime';
import { createAssessmentActivities } from './activities';
import { childCatalog } from './childWorkflows';
import { AssessmentWorkerEnv } from './env';

const env = AssessmentWorkerEnv.parse(process.env);
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
