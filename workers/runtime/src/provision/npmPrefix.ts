import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@fuzzforge/observability';
import { withInstallLock } from './installLock';
import { isInstalled, markInstalled } from './installMarker';
import { ProvisionError } from './provisionError';
import { isRegistryFailure } from './registryFailure';
import { runCommand, tailLines } from './runCommand';

export interface NpmPrefixSpec {
  /** A directory of its own, e.g. `<stack>/tools/js-eslint`: never the repository's node_modules. */
  dir: string;
  /** Exact versions from the npm registry: `{ eslint: '10.15.0' }`. */
  packages: Readonly<Record<string, string>>;
  /** Executables the packages link into `node_modules/.bin`, returned as absolute paths. */
  binaries: readonly string[];
  log: Logger;
}

/** This process's environment without `npm run`'s npm_* settings, which would steer the inner npm. */
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

/**
 * Installs the pinned npm packages into `dir` with `npm install --prefix` (their own package.json and
 * lock, no install scripts) and returns the paths of `binaries`. Idempotent like `provisionPipVenv`.
 */
export async function provisionNpmPrefix(spec: NpmPrefixSpec): Promise<Record<string, string>> {
  const bin = Object.fromEntries(
    spec.binaries.map((b) => [b, path.join(spec.dir, 'node_modules', '.bin', b)]),
  );
  const binaries = Object.values(bin);
  if (await isInstalled(spec.dir, spec.packages, binaries)) return bin;
  return withInstallLock(spec.dir, spec.log, async () => {
    if (await isInstalled(spec.dir, spec.packages, binaries)) return bin;
    spec.log.info('installing npm tools (first run only)', { dir: spec.dir, packages: spec.packages });
    await rm(spec.dir, { recursive: true, force: true });
    await mkdir(spec.dir, { recursive: true });
    const manifest = { name: 'fuzzforge-tool', private: true, dependencies: spec.packages };
    await writeFile(path.join(spec.dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    const npm = await runCommand(
      'npm',
      ['install', '--prefix', spec.dir, '--no-audit', '--no-fund', '--ignore-scripts', '--no-workspaces'],
      cleanEnv(),
    ).catch((err: unknown) => {
      throw new ProvisionError(
        'prerequisite-missing',
        'npm is not installed',
        'install Node.js 20 with npm',
        {
          cause: err,
        },
      );
    });
    await writeFile(path.join(spec.dir, 'npm-install.log'), npm.output);
    if (npm.code !== 0) {
      const registry = isRegistryFailure(npm.output);
      throw new ProvisionError(
        registry ? 'registry-unreachable' : 'install-failed',
        `npm could not install ${Object.keys(spec.packages).join(', ')} into ${spec.dir}:\n${tailLines(npm.output, 10)}`,
        registry
          ? 'check network access to the npm registry and retry'
          : `read ${path.join(spec.dir, 'npm-install.log')} for npm's full output`,
      );
    }
    await markInstalled(spec.dir, spec.packages);
    if (!(await isInstalled(spec.dir, spec.packages, binaries))) {
      throw new ProvisionError(
        'install-failed',
        `npm installed ${Object.keys(spec.packages).join(', ')} but ${spec.binaries.join(', ')} is missing`,
        'check that the pinned packages still ship these executables',
      );
    }
    return bin;
  });
}
