import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { provisionPipVenv } from '@fuzzforge/worker-runtime/provision';

/**
 * schemathesis, the API fuzzer the e2e suite runs against the platform's /openapi.json: pinned to a
 * release that reads OpenAPI 3.1 and runs on the stack's Python (3.9 or later).
 */
export const schemathesisPins = { schemathesis: '4.32.5' } as const;

/**
 * Installs schemathesis into its own venv, `<stackRoot>/tools/schemathesis` (idempotent: a marker
 * records the pin, so later calls only check it), and returns the path of its `st` command.
 */
export async function provisionSchemathesis(stackRoot: string, log: Logger): Promise<string> {
  const bin = await provisionPipVenv({
    dir: path.join(stackRoot, 'tools', 'schemathesis'),
    packages: schemathesisPins,
    binaries: ['st'],
    log,
  });
  return bin['st']!;
}
