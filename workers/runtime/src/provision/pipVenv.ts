import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { withInstallLock } from './installLock';
import { isInstalled, markInstalled } from './installMarker';
import { ProvisionError } from './provisionError';
import { isRegistryFailure } from './registryFailure';
import { runCommand, tailLines } from './runCommand';

export interface PipVenvSpec {
  /** The venv directory, e.g. `<stack>/tools/python-venv`. */
  dir: string;
  /** Exact versions from PyPI: `{ bandit: '1.9.4' }`. */
  packages: Readonly<Record<string, string>>;
  /** Console scripts the packages install, returned as absolute paths. */
  binaries: readonly string[];
  log: Logger;
}

/**
 * Makes `dir` a Python venv holding exactly the pinned packages and returns the paths of `binaries`
 * in it. Idempotent: a marker records the pins, so a second call only checks it; changed pins
 * rebuild the venv from scratch (venvs cannot be moved, so it is built in place, under a lock).
 */
export async function provisionPipVenv(spec: PipVenvSpec): Promise<Record<string, string>> {
  const bin = Object.fromEntries(spec.binaries.map((b) => [b, path.join(spec.dir, 'bin', b)]));
  const binaries = Object.values(bin);
  if (await isInstalled(spec.dir, spec.packages, binaries)) return bin;
  return withInstallLock(spec.dir, spec.log, async () => {
    if (await isInstalled(spec.dir, spec.packages, binaries)) return bin;
    const python = await runCommand('python3', ['-c', 'import venv, ensurepip']).catch(() => undefined);
    if (python?.code !== 0) {
      throw new ProvisionError(
        'prerequisite-missing',
        `python3 with the venv module is needed to install ${Object.keys(spec.packages).join(', ')}`,
        'apt-get install python3 python3-venv',
      );
    }
    spec.log.info('installing python tools (first run only, about a minute)', {
      dir: spec.dir,
      packages: spec.packages,
    });
    await rm(spec.dir, { recursive: true, force: true });
    await mkdir(path.dirname(spec.dir), { recursive: true });
    const venv = await runCommand('python3', ['-m', 'venv', spec.dir]);
    if (venv.code !== 0) {
      throw new ProvisionError(
        'prerequisite-missing',
        `python3 -m venv ${spec.dir} failed:\n${tailLines(venv.output, 10)}`,
        'apt-get install python3-venv',
      );
    }
    const pins = Object.entries(spec.packages).map(([name, version]) => `${name}==${version}`);
    const pip = await runCommand(path.join(spec.dir, 'bin', 'python'), [
      ...['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off'],
      ...pins,
    ]);
    await writeFile(path.join(spec.dir, 'pip-install.log'), pip.output);
    if (pip.code !== 0) {
      const registry = isRegistryFailure(pip.output);
      throw new ProvisionError(
        registry ? 'registry-unreachable' : 'install-failed',
        `pip could not install ${pins.join(' ')}:\n${tailLines(pip.output, 10)}`,
        registry
          ? 'check network access to PyPI (or set PIP_INDEX_URL) and retry'
          : `read ${path.join(spec.dir, 'pip-install.log')} for pip's full output`,
      );
    }
    await markInstalled(spec.dir, spec.packages);
    if (!(await isInstalled(spec.dir, spec.packages, binaries))) {
      throw new ProvisionError(
        'install-failed',
        `pip installed ${pins.join(' ')} but not all of ${spec.binaries.join(', ')} are in ${spec.dir}/bin`,
        'check that the pinned packages still ship these console scripts',
      );
    }
    return bin;
  });
}
