import type { Logger } from '@fuzzforge/observability';
import { findOnPath, runCommand, tailLines } from '@fuzzforge/worker-runtime/provision';

export type AptOutcome = { ok: true } | { ok: false; reason: string };

// What apt says when its package lists are missing or stale (a fresh container): `apt-get update` fixes it.
const listsMissing = /Unable to locate package|has no installation candidate|404\s+Not Found/;

/**
 * Installs Debian packages with apt-get. Waits for another apt/dpkg run to release its lock rather
 * than failing (several stacks may provision at once), and refreshes the package lists once when
 * they are missing. Never throws: the caller decides whether a fallback exists.
 */
export async function aptInstall(packages: readonly string[], log: Logger): Promise<AptOutcome> {
  const aptGet = await findOnPath('apt-get');
  if (!aptGet) return { ok: false, reason: 'apt-get is not available (not a Debian-based system)' };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'apt-get install needs root' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  const install = () =>
    runCommand(aptGet, ['install', '-y', '-q', '--no-install-recommends', ...lock, ...packages], env);
  log.info('installing Debian packages', { packages });
  let result = await install();
  if (result.code !== 0 && listsMissing.test(result.output)) {
    log.info('apt package lists are missing or stale: running apt-get update once');
    const update = await runCommand(aptGet, ['update', '-q', ...lock], env);
    if (update.code !== 0)
      return { ok: false, reason: `apt-get update failed:\n${tailLines(update.output, 8)}` };
    result = await install();
  }
  if (result.code !== 0) {
    return {
      ok: false,
      reason: `apt-get install ${packages.join(' ')} failed:\n${tailLines(result.output, 8)}`,
    };
  }
  return { ok: true };
}
