import { rename, rm, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import {
  findOnPath,
  isInstalled,
  markInstalled,
  ProvisionError,
  requireGoToolchain,
  runCommand,
  tailLines,
  withInstallLock,
} from '@fuzzforge/worker-runtime/provision';

/**
 * The Docker Compose release we build. `/v5` is the same project and CLI plugin as Compose v2, under its
 * current major module path; v5.6.0 is the newest release whose go.mod asks for no newer Go than ours
 * (1.26.8): v5.7.x require go >= 1.26.10; v2.40.3, the last `/v2` tag, dates from October 2025.
 */
export const composeVersion = 'v5.6.0';
const composeModule = 'github.com/docker/compose/v5';
const pins = { 'docker-compose': composeVersion };

/**
 * Where the plugin is installed: a directory laid out like a Docker config dir (`DOCKER_CONFIG`), so
 * the docker CLI finds `cli-plugins/docker-compose` in it.
 */
export const composeConfigDirOf = (stackRoot: string): string =>
  path.resolve(stackRoot, 'tools', `docker-compose-${composeVersion}`);
export const composeBinaryOf = (stackRoot: string): string =>
  path.join(composeConfigDirOf(stackRoot), 'cli-plugins', 'docker-compose');

/** How to run compose: the command, its arguments, and what to add to the caller's environment. */
export interface ComposeCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * `docker compose <args>` with DOCKER_CONFIG at our plugin, so the docker CLI's own subcommand runs;
 * without a docker CLI, the plugin binary itself, which also works as a standalone `docker-compose`.
 * DOCKER_CONFIG replaces the user's docker config (contexts, registry logins) for that command only:
 * harmless for `config`, which needs neither.
 */
export function composeCommandOf(
  stackRoot: string,
  docker: string | undefined,
  args: readonly string[],
): ComposeCommand {
  if (!docker) return { command: composeBinaryOf(stackRoot), args: [...args], env: {} };
  return {
    command: docker,
    args: ['compose', ...args],
    env: { DOCKER_CONFIG: composeConfigDirOf(stackRoot) },
  };
}

const unreachable = /dial tcp|no such host|proxy\.golang\.org|i\/o timeout|TLS handshake|GOPROXY/i;

function goFailure(step: string, output: string, logFile: string): ProvisionError {
  const tail = tailLines(output, 15);
  const needsGo = /requires go >= (\S+)/.exec(output);
  if (needsGo) {
    return new ProvisionError(
      'prerequisite-missing',
      `${step} of docker compose ${composeVersion} needs a newer Go:\n${tail}`,
      `install Go ${needsGo[1]} or later and retry`,
    );
  }
  if (unreachable.test(output)) {
    return new ProvisionError(
      'registry-unreachable',
      `${step} of docker compose ${composeVersion} could not reach the Go module proxy:\n${tail}`,
      'check network access to the Go module proxy (GOPROXY) and retry',
    );
  }
  return new ProvisionError(
    'install-failed',
    `${step} of docker compose ${composeVersion} failed:\n${tail}`,
    `read ${logFile} for go's full output`,
  );
}

/**
 * Builds the pinned Docker Compose CLI plugin from the Go module proxy into
 * `<stackRoot>/tools/docker-compose-<version>/cli-plugins/docker-compose` once and returns its path:
 * release downloads are unreachable here, the module proxy is not. Idempotent (a marker written last
 * records the version, so later calls only check it) and safe against a concurrent provisioner (a lock).
 *
 * Cold (empty module and build caches), Go 1.26.8 on two cores: 107 s of CPU, 156 s wall on a quiet
 * machine and 6.5 minutes with the cores shared (load 18); the modules it fetches are 83 MiB of zips
 * (360 MiB unpacked in Go's module cache), the build cache under `<stackRoot>/cache/go-build` grows by
 * 433 MiB and the stripped binary is 28 MiB. With that build cache warm a rebuild takes about 3 s.
 *
 * `go install <module>/cmd@<version>` is refused: compose's go.mod carries `exclude` directives (every
 * tag does), which Go honours only in a main module. So the module is downloaded (checksums verified
 * as for any module) and installed from inside its own directory, where its go.mod and go.sum pin
 * every dependency exactly as upstream's builds do.
 */
export async function provisionDockerCompose(
  stackRoot: string,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const dir = composeConfigDirOf(stackRoot);
  const binary = composeBinaryOf(stackRoot);
  if (await isInstalled(dir, pins, [binary])) return binary;
  return withInstallLock(dir, log, async () => {
    if (await isInstalled(dir, pins, [binary])) return binary;
    await requireGoToolchain(
      'docker compose is built from source with the Go toolchain, which is missing',
      'install Go 1.26.8+ and retry',
      env,
    );
    log.info('building docker compose (first run only: about 85 MB of modules, several minutes)', {
      version: composeVersion,
    });
    await rm(dir, { recursive: true, force: true });
    const pluginDir = path.dirname(binary);
    await mkdir(pluginDir, { recursive: true });
    const logFile = path.join(dir, 'go-install.log');
    const goEnv: NodeJS.ProcessEnv = {
      ...env,
      // Go's cache is safe for concurrent builds: shared with the go worker's default FF_GO_BUILD_CACHE.
      GOCACHE: path.resolve(stackRoot, 'cache', 'go-build'),
      GOBIN: pluginDir,
      // Never fetch another toolchain, never let a go.work or the caller's GOFLAGS change the build.
      GOTOOLCHAIN: 'local',
      GOWORK: 'off',
      GOFLAGS: '-mod=readonly',
    };

    const download = await runCommand(
      'go',
      ['mod', 'download', '-json', `${composeModule}@${composeVersion}`],
      goEnv,
    );
    const source = /"Dir":\s*"([^"]+)"/.exec(download.output)?.[1];
    if (download.code !== 0 || !source) {
      await writeFile(logFile, download.output);
      throw goFailure('the download', download.output, logFile);
    }
    const ldflags = `-s -w -X ${composeModule}/internal.Version=${composeVersion}`;
    const built = await runCommand(
      'go',
      ['-C', source, 'install', '-trimpath', '-ldflags', ldflags, './cmd'],
      goEnv,
    );
    await writeFile(logFile, built.output);
    if (built.code !== 0) throw goFailure('go install', built.output, logFile);
    // The main package is compose's `cmd` directory, hence the binary's name.
    await rename(path.join(pluginDir, 'cmd'), binary);

    const probe = await runCommand(binary, ['version'], env);
    if (probe.code !== 0 || !probe.output.includes(composeVersion)) {
      throw new ProvisionError(
        'install-failed',
        `the docker compose just built does not answer \`version\`:\n${tailLines(probe.output, 5)}`,
        `delete ${dir} and retry; read ${logFile} for go's output`,
      );
    }
    await markInstalled(dir, pins);
    log.info('docker compose ready', { version: composeVersion, binary });
    return binary;
  });
}

/**
 * Provisions Docker Compose (see provisionDockerCompose) and returns how to run `docker compose <args>`
 * with it: through the `docker` CLI on `env.PATH` when there is one, else the plugin binary directly.
 */
export async function dockerComposeCommand(
  stackRoot: string,
  args: readonly string[],
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ComposeCommand> {
  await provisionDockerCompose(stackRoot, log, env);
  return composeCommandOf(stackRoot, await findOnPath('docker', env['PATH'] ?? ''), args);
}
