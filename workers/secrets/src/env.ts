import { z } from 'zod';
import { VerticalWorkerEnv } from '@fuzzforge/worker-runtime';

/** Configuration of the secrets worker, parsed once in main.ts. */
export const SecretsWorkerEnv = VerticalWorkerEnv.extend({
  /** The gitleaks binary (`npm run provision -- secrets` installs it and prints the path). */
  FF_GITLEAKS_PATH: z.string().optional(),
  /** The detect-secrets console script (installed by the same provisioning). */
  FF_DETECT_SECRETS_PATH: z.string().optional(),
  FF_WORKER_CACHE_DIR: z.string().default('.stack/cache/secrets'),
});
export type SecretsWorkerEnv = z.infer<typeof SecretsWorkerEnv>;
