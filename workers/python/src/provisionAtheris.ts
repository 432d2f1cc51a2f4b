import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { probeVersion, provisionPipVenv } from '@fuzzforge/worker-runtime/provision';

/** The atheris release this vertical is tested with (a cp311 manylinux wheel: no compiler needed). */
export const atherisVersion = '2.3.0';

/** The interpreter and version the atheris engine runs harnesses with. */
export interface AtherisToolchain {
  /** A Python with atheris importable: harnesses run as `<python> harness.py <libFuzzer flags>`. */
  python: string;
  /** atheris's version, as `importlib.metadata` reports it. */
  version: string;
}

/**
 * Installs atheris into its own venv, `<stackRoot>/tools/atheris-venv` (idempotent), and returns the
 * venv's python. Its own venv because harnesses import the target's code into that interpreter: bandit
 * and semgrep's dependencies must not shadow or collide with the target's.
 */
export async function provisionAtheris(stackRoot: string, log: Logger): Promise<string> {
  const bin = await provisionPipVenv({
    dir: path.join(stackRoot, 'tools', 'atheris-venv'),
    packages: { atheris: atherisVersion },
    binaries: ['python'],
    log,
  });
  return bin['python']!;
}

/**
 * The atheris toolchain behind FF_ATHERIS_PYTHON, or undefined when that python is missing or cannot
 * import atheris (the worker refuses to start then).
 */
export async function locateAtheris(env: {
  FF_ATHERIS_PYTHON?: string | undefined;
}): Promise<AtherisToolchain | undefined> {
  const python = env.FF_ATHERIS_PYTHON;
  if (!python) return undefined;
  const version = await probeVersion(
    python,
    ['-c', 'import atheris, importlib.metadata as m; print("atheris", m.version("atheris"))'],
    /^atheris (\S+)$/m,
  );
  return version ? { python, version } : undefined;
}
