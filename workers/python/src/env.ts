import { z } from 'zod';
import { VerticalWorkerEnv } from '@fuzzforge/worker-runtime';

/** Configuration of the python worker, parsed once in main.ts. */
export const PythonWorkerEnv = VerticalWorkerEnv.extend({
  /** bandit to run; `npm run provision -- python` installs it and `npm start` passes its path. */
  FF_BANDIT_PATH: z.string().min(1).optional(),
  /** semgrep to run, installed in the same venv as bandit. */
  FF_SEMGREP_PATH: z.string().min(1).optional(),
  /** The Python atheris harnesses run under: provisioning's own venv, kept apart from bandit's. */
  FF_ATHERIS_PYTHON: z.string().min(1).optional(),
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/python'),
  /** Scans run at once by this worker process (semgrep uses two cores per scan). */
  FF_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(2),
});
export type PythonWorkerEnv = z.infer<typeof PythonWorkerEnv>;
