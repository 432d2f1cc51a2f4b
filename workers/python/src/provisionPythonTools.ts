import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { provisionPipVenv } from '@fuzzforge/worker-runtime/provision';

/** The PyPI releases this vertical is tested with; the adapters report these versions. */
export const pythonToolPins = { bandit: '1.9.4', semgrep: '1.185.0' } as const;

/**
 * Installs bandit and semgrep into one venv, `<stackRoot>/tools/python-venv` (idempotent), and returns
 * their paths. The javascript vertical reuses this venv's semgrep.
 */
export async function provisionPythonTools(
  stackRoot: string,
  log: Logger,
): Promise<{ bandit: string; semgrep: string }> {
  const bin = await provisionPipVenv({
    dir: path.join(stackRoot, 'tools', 'python-venv'),
    packages: pythonToolPins,
    binaries: ['bandit', 'semgrep'],
    log,
  });
  return { bandit: bin['bandit']!, semgrep: bin['semgrep']! };
}
