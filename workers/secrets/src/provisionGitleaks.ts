import { spawn } from 'node:child_process';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@fuzzforge/observability';

/** The gitleaks release this vertical is tested with. */
export const gitleaksVersion = 'v8.30.1';
const modulePath = 'github.com/zricethezav/gitleaks/v8';

export class ProvisionError extends Error {
  readonly code = 'prerequisite-missing';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(`${message}\n  fix: ${hint}`);
    this.name = 'ProvisionError';
  }
}

const run = (
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });

/**
 * Builds the pinned gitleaks with `go install` into `<stackRoot>/tools/gitleaks-<version>/` once and
 * returns the binary's path. Release downloads are unreachable here; the Go module proxy is not.
 */
export async function provisionGitleaks(stackRoot: string, log: Logger): Promise<string> {
  const dir = join(stackRoot, 'tools', `gitleaks-${gitleaksVersion}`);
  const binary = join(dir, 'gitleaks');
  const marker = join(dir, '.installed');
  if ((await readFile(marker, 'utf8').catch(() => '')) === gitleaksVersion) {
    await access(binary, constants.X_OK);
    return binary;
  }
  const go = await run('go', ['version'], process.env).catch(() => null);
  if (!go || go.code !== 0) {
    throw new ProvisionError(
      'gitleaks must be built, but the Go toolchain is missing.',
      'install Go 1.22+ (apt-get install golang-go) and retry',
    );
  }
  log.info('building gitleaks (first run only, about a minute)', { version: gitleaksVersion });
  const staging = `${dir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const ldflags = `-X ${modulePath}/version.Version=${gitleaksVersion.slice(1)}`;
  const built = await run('go', ['install', '-ldflags', ldflags, `${modulePath}@${gitleaksVersion}`], {
    ...process.env,
    GOBIN: staging,
    GOFLAGS: '-mod=mod',
  });
  if (built.code !== 0) {
    await rm(staging, { recursive: true, force: true });
    const offline = /dial tcp|no such host|proxy.golang.org|timeout/i.test(built.output);
    throw new ProvisionError(
      `go install of gitleaks ${gitleaksVersion} failed:\n${built.output.slice(-2000)}`,
      offline ? 'check network access to the Go module proxy (GOPROXY)' : 'see the go output above',
    );
  }
  await writeFile(join(staging, '.installed'), gitleaksVersion);
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
  return binary;
}
