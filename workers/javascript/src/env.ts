import { z } from 'zod';
import { VerticalWorkerEnv } from '@fuzzforge/worker-runtime';

/** Configuration of the javascript worker, parsed once in main.ts. */
export const JavascriptWorkerEnv = VerticalWorkerEnv.extend({
  /** eslint (with eslint-plugin-security beside it); `npm run provision -- javascript` installs it. */
  FF_ESLINT_PATH: z.string().min(1).optional(),
  /** semgrep to run; provisioned into the python vertical's venv. */
  FF_SEMGREP_PATH: z.string().min(1).optional(),
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/javascript'),
  /** Scans run at once by this worker process (semgrep uses two cores per scan). */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
});
export type JavascriptWorkerEnv = z.infer<typeof JavascriptWorkerEnv>;
