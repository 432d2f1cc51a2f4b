import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger } from '@fuzzforge/observability';
import { endpointsOf, endpointsToEnv } from './endpoints';
import { probesFor } from './health';
import { lockHolder } from './lockFile';
import { provisionStack, startStack } from './stack';
import { stackConfigFromEnv, type StackConfig } from './stackConfig';
import { StackError } from './stackError';
import { stackPaths } from './stackPaths';

const usage = `usage: npm run stack -- <up|provision|status> [--profile dev|test]
  up         start NATS, Temporal, S3 and Postgres, print their env vars, run until Ctrl-C
  provision  install the server binaries and initialise the data dir, then exit
  status     tell whether the stack is running and which services answer`;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Logs go to stderr so that stdout of `up` is only the env lines, ready for `export`.
const log = createLogger('local-stack', { write: (line) => process.stderr.write(line + '\n') });

const shellSafe = (value: string): string =>
  /^[\w@%+=:,./-]*$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;

async function up(config: StackConfig): Promise<void> {
  const stack = await startStack(config, log);
  for (const [name, value] of Object.entries(endpointsToEnv(stack.endpoints))) {
    process.stdout.write(`${name}=${shellSafe(value)}\n`);
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('stopping the stack', { signal });
  // A second Ctrl-C leaves at once; the watchdog still takes the servers down.
  process.once('SIGINT', () => process.exit(130));
  await stack.stop();
}

async function status(config: StackConfig): Promise<number> {
  const pid = await lockHolder(stackPaths(config).stackLock);
  process.stdout.write(`stack ${config.dataDir}: ${pid ? `running (pid ${pid})` : 'not running'}\n`);
  const endpoints = endpointsOf(config);
  const where = {
    nats: endpoints.natsUrl,
    temporal: endpoints.temporalAddress,
    s3: endpoints.s3Endpoint,
    postgres: `127.0.0.1:${config.ports.postgres}`,
  };
  let healthy = true;
  for (const [name, probe] of Object.entries(probesFor(config))) {
    const result = await probe().catch((error: Error) => ({ ok: false, reason: error.message }) as const);
    healthy &&= result.ok;
    const state = result.ok ? 'up' : `down (${result.reason})`;
    process.stdout.write(`  ${name.padEnd(9)}${where[name as keyof typeof where].padEnd(26)}${state}\n`);
  }
  return healthy ? 0 : 1;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { profile: { type: 'string', default: 'dev' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  if (values.help || !command || (values.profile !== 'dev' && values.profile !== 'test')) {
    process.stderr.write(usage + '\n');
    return values.help ? 0 : 2;
  }
  const config = stackConfigFromEnv(process.env, repoRoot, values.profile);
  switch (command) {
    case 'up':
      await up(config);
      return 0;
    case 'provision':
      await provisionStack(config, log);
      return 0;
    case 'status':
      return status(config);
    default:
      process.stderr.write(usage + '\n');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StackError) {
      process.stderr.write(`error (${error.code}): ${error.message}\nfix: ${error.hint}\n`);
    } else {
      process.stderr.write(
        `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  },
);
