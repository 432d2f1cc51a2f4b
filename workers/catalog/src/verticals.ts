import type { Logger } from '@fuzzforge/observability';
import { provisionSecretsVertical } from '@fuzzforge/worker-secrets/provision';

/** A vertical worker as the local platform runs it. */
export interface Vertical {
  name: string;
  /** Repository-relative entry point of its worker process. */
  entry: string;
  /** Installs its toolchain (idempotent) and returns the environment its worker needs. */
  provision(stackRoot: string, env: NodeJS.ProcessEnv, log: Logger): Promise<Record<string, string>>;
}

/** Every vertical `npm start` and the tests run. Add a vertical here and to the catalog in index.ts. */
export const verticals: readonly Vertical[] = [
  { name: 'secrets', entry: 'workers/secrets/src/main.ts', provision: provisionSecretsVertical },
];
