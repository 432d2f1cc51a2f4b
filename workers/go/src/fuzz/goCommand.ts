import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { GoToolchain } from '../provisionGoToolchain';

/**
 * The environment `go test -c` builds in: offline (GOPROXY=off, the local toolchain only), every Go
 * directory explicit because the tool environment carries only PATH, HOME and LANG, and no user or
 * workspace settings (GOENV, GOWORK). Modules with dependencies build only when they vendor them.
 */
export async function goBuildEnv(toolchain: GoToolchain, scratch: string): Promise<Record<string, string>> {
  const dirs = {
    GOCACHE: toolchain.buildCache ?? path.join(scratch, 'go-build-cache'),
    GOPATH: path.join(scratch, 'go-path'),
    GOMODCACHE: path.join(scratch, 'go-path', 'pkg', 'mod'),
    GOTMPDIR: path.join(scratch, 'go-tmp'),
  };
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
  return {
    ...dirs,
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    GOENV: 'off',
    GOTELEMETRY: 'off',
    GOFLAGS: '',
  };
}

/**
 * Go's runtime reserves address space it never touches: a fuzz worker with a tiny heap needs about
 * 2 GiB of it. The address-space limit is the memory budget plus that much.
 */
const GO_RESERVED_MB = 2048;

/**
 * `binary args` under an address-space limit: Go has no RSS limit of its own, and a worker past the
 * limit dies with `fatal error: out of memory`. Fuzz workers inherit the limit from the coordinator.
 */
export function withMemoryLimit(
  binary: string,
  args: readonly string[],
  memoryMb: number,
): { command: string; args: string[] } {
  const kb = (memoryMb + GO_RESERVED_MB) * 1024;
  return { command: '/bin/sh', args: ['-c', `ulimit -v ${kb} && exec "$0" "$@"`, binary, ...args] };
}
