import path from 'node:path';
import { findOnPath, probeVersion, ProvisionError } from '@fuzzforge/worker-runtime/provision';

/** The Go toolchain the go-fuzz engine builds and runs fuzz tests with. */
export interface GoToolchain {
  /** The `go` command. */
  go: string;
  /** Its version without the `go` prefix, e.g. `1.26.8`. */
  version: string;
  /**
   * GOCACHE shared by every build of this worker: a cold cache recompiles the standard library with
   * fuzzing instrumentation first (about 30 s on two cores), a warm one needs under a second. Go's
   * cache is safe for concurrent builds. Absent: each run builds in a cache of its own.
   */
  buildCache?: string;
}

const goVersionOf = (go: string): Promise<string | undefined> =>
  probeVersion(go, ['version'], /go version go(\S+)/);

/**
 * The `go` command provisioning hands the worker (FF_GO_BINARY): the one already set, else the one on
 * PATH. Go is a prerequisite of this vertical, not something it installs.
 */
export async function provisionGoBinary(env: NodeJS.ProcessEnv): Promise<string> {
  const go = env['FF_GO_BINARY'] || (await findOnPath('go', env['PATH'] ?? ''));
  if (go && (await goVersionOf(go))) return go;
  throw new ProvisionError(
    'prerequisite-missing',
    go ? `${go} does not answer \`go version\`` : 'the go command is not on PATH',
    'install Go 1.22+ (https://go.dev/dl or apt-get install golang-go), or set FF_GO_BINARY',
  );
}

/**
 * The Go toolchain behind FF_GO_BINARY (default: `go` on PATH), or undefined when it is missing or
 * does not answer (the worker refuses to start then). FF_GO_BUILD_CACHE becomes the shared build cache.
 */
export async function locateGoToolchain(env: {
  FF_GO_BINARY?: string | undefined;
  FF_GO_BUILD_CACHE?: string | undefined;
}): Promise<GoToolchain | undefined> {
  const go = env.FF_GO_BINARY ?? (await findOnPath('go'));
  const version = go ? await goVersionOf(go) : undefined;
  if (!go || !version) return undefined;
  // Go refuses a relative GOCACHE.
  const buildCache = env.FF_GO_BUILD_CACHE ? path.resolve(env.FF_GO_BUILD_CACHE) : undefined;
  return { go, version, ...(buildCache ? { buildCache } : {}) };
}
