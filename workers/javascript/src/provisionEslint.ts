import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { provisionNpmPrefix } from '@fuzzforge/worker-runtime/provision';

/** The npm releases this vertical is tested with (eslint 10 needs Node ^20.19). */
export const eslintToolPins = { eslint: '10.15.0', 'eslint-plugin-security': '4.1.0' } as const;

/**
 * Installs eslint with eslint-plugin-security into `<stackRoot>/tools/js-eslint` (its own prefix, never
 * the repository's node_modules; idempotent) and returns the eslint executable's path.
 */
export async function provisionEslint(stackRoot: string, log: Logger): Promise<string> {
  const bin = await provisionNpmPrefix({
    dir: path.join(stackRoot, 'tools', 'js-eslint'),
    packages: eslintToolPins,
    binaries: ['eslint'],
    log,
  });
  return bin['eslint']!;
}
