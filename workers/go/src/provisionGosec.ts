import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import {
  isInstalled,
  markInstalled,
  ProvisionError,
  requireGoToolchain,
  runCommand,
  tailLines,
  withInstallLock,
} from '@fuzzforge/worker-runtime/provision';

/** The gosec release this vertical is tested with (DESIGN §10). */
export const gosecVersion = 'v2.30.0';
const modulePath = 'github.com/securego/gosec/v2';
const pins = { gosec: gosecVersion };

/** Where provisioning puts gosec under the stack dir. */
export const gosecBinaryOf = (stackRoot: string): string =>
  path.join(stackRoot, 'tools', `gosec-${gosecVersion}`, 'gosec');

/**
 * Builds the pinned gosec with `go install` into `<stackRoot>/tools/gosec-<version>/` once and returns
 * the binary's path: release downloads are unreachable here, the Go module proxy is not. Idempotent
 * (a marker records the version, written last) and safe against a concurrent provisioner (a lock).
 * The first build downloads gosec's modules and compiles them: minutes, not seconds.
 */
export async function provisionGosec(stackRoot: string, log: Logger): Promise<string> {
  const binary = gosecBinaryOf(stackRoot);
  const dir = path.dirname(binary);
  if (await isInstalled(dir, pins, [binary])) return binary;
  return withInstallLock(dir, log, async () => {
    if (await isInstalled(dir, pins, [binary])) return binary;
    await requireGoToolchain(
      'gosec must be built with the Go toolchain (and loads packages with it), which is missing',
      'install Go 1.22+ (apt-get install golang-go) and retry',
    );
    log.info('building gosec (first run only: downloads its modules and compiles, several minutes)', {
      version: gosecVersion,
    });
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // gosec prints this with --version; a `go install` build would otherwise say "dev".
    const ldflags = `-X main.Version=${gosecVersion.slice(1)}`;
    const built = await runCommand(
      'go',
      ['install', '-ldflags', ldflags, `${modulePath}/cmd/gosec@${gosecVersion}`],
      { ...process.env, GOBIN: dir, GOFLAGS: '-mod=mod' },
    );
    if (built.code !== 0) {
      const offline = /dial tcp|no such host|proxy\.golang\.org|timeout|GOPROXY/i.test(built.output);
      throw new ProvisionError(
        offline ? 'registry-unreachable' : 'install-failed',
        `go install of gosec ${gosecVersion} failed:\n${tailLines(built.output, 20)}`,
        offline
          ? 'check network access to the Go module proxy (GOPROXY) and retry'
          : 'see the go output above',
      );
    }
    await markInstalled(dir, pins);
    return binary;
  });
}
