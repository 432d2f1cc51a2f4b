import type { Logger } from '@fuzzforge/observability';
import { provisionAssessmentVertical } from '@fuzzforge/worker-assessment/provision';
import { provisionGoVertical } from '@fuzzforge/worker-go/provision';
import { provisionJavascriptVertical } from '@fuzzforge/worker-javascript/provision';
import { provisionNativeVertical } from '@fuzzforge/worker-native/provision';
import { provisionPythonVertical } from '@fuzzforge/worker-python/provision';
import { provisionRustVertical } from '@fuzzforge/worker-rust/provision';
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
  { name: 'python', entry: 'workers/python/src/main.ts', provision: provisionPythonVertical },
  { name: 'javascript', entry: 'workers/javascript/src/main.ts', provision: provisionJavascriptVertical },
  { name: 'native', entry: 'workers/native/src/main.ts', provision: provisionNativeVertical },
  { name: 'go', entry: 'workers/go/src/main.ts', provision: provisionGoVertical },
  { name: 'rust', entry: 'workers/rust/src/main.ts', provision: provisionRustVertical },
  { name: 'assessment', entry: 'workers/assessment/src/main.ts', provision: provisionAssessmentVertical },
];
