import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TracingEnv } from './env';

/** What a process says it is on every span: OTel's service.name, service.version, service.instance.id. */
export interface ServiceIdentity {
  name: string;
  version: string;
  instanceId: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  workspaces?: unknown;
}

/** Where a process runs, passed in so the rules below are testable without a real process. */
export interface ProcessFacts {
  entryPath: string | undefined;
  hostname: string;
  pid: number;
  readPackageJson?: (dir: string) => PackageJson | undefined;
}

function readPackageJsonFrom(dir: string): PackageJson | undefined {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The package.json files from the entry script's folder up to the filesystem root, nearest first. */
function packagesAbove(entryPath: string, read: (dir: string) => PackageJson | undefined): PackageJson[] {
  const found: PackageJson[] = [];
  for (let dir = path.dirname(path.resolve(entryPath)); ; dir = path.dirname(dir)) {
    const pkg = read(dir);
    if (pkg) found.push(pkg);
    if (path.dirname(dir) === dir) return found;
  }
}

/**
 * Names a process: OTEL_SERVICE_NAME, else FF_SERVICE_NAME, else the entry script's name — or, for a
 * `main.ts`/`index.ts` entry, its workspace package's name without the scope (`@fuzzforge/api` → `api`).
 * The version is FF_SERVICE_VERSION, else the workspace root's package.json version, else the package's.
 */
export function serviceIdentity(env: TracingEnv, facts: ProcessFacts): ServiceIdentity {
  const read = facts.readPackageJson ?? readPackageJsonFrom;
  const packages = facts.entryPath ? packagesAbove(facts.entryPath, read) : [];
  const own = packages[0];
  const root = packages.find((pkg) => pkg.workspaces !== undefined);
  const script = facts.entryPath ? path.basename(facts.entryPath).replace(/\.[cm]?[jt]sx?$/, '') : undefined;
  const generic = script === undefined || script === 'main' || script === 'index';
  const packageName = own?.name?.replace(/^@[^/]+\//, '');
  const name =
    env.OTEL_SERVICE_NAME ??
    env.FF_SERVICE_NAME ??
    (generic ? packageName : script) ??
    script ??
    'unknown_service:node';
  const version = env.FF_SERVICE_VERSION ?? root?.version ?? own?.version ?? '0.0.0';
  return { name, version, instanceId: `${facts.hostname}:${facts.pid}` };
}
