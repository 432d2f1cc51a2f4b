import { FuzzForgeClient } from '@fuzzforge/sdk';
import { cliErrorOf } from './apiErrors';
import { adminDlq, adminDlqUsage } from './commands/adminDlq';
import { adminKeys, adminKeysUsage } from './commands/adminKeys';
import { findings, findingsUsage } from './commands/findings';
import { init, initUsage } from './commands/init';
import { run, runUsage } from './commands/run';
import { runs, runsUsage } from './commands/runs';
import { targets, targetsUsage } from './commands/targets';
import { webhooks, webhooksUsage } from './commands/webhooks';
import { workflows, workflowsUsage } from './commands/workflows';
import { configFileName, loadConfigFile, resolveConfig, type CliConfig } from './config';
import type { Context, Output } from './context';
import { CliError, exitCodes, usageError } from './exitCodes';

const usage = `ff — the FuzzForge command line

Commands:
  ff init                                     write ${configFileName} (API URL, project, workflow)
  ff targets upload PATH                      upload a file, or a directory as tar.gz
  ff workflows list|info NAME                 the workflow catalog
  ff run WORKFLOW PATH|TARGET_ID [...]        upload if needed, run, wait, gate, write SARIF
  ff runs list|show|cancel|retry|events       runs
  ff findings list|show|export|triage         findings and their triage
  ff webhooks create|list|show|enable|...     webhooks and their deliveries (needs an admin key)
  ff admin keys create|list|revoke            API keys (needs an admin key)
  ff admin dlq list|show|replay|discard       dead letters (needs an admin key)

Global flags (before or after the command):
  --api-url URL    the API's base URL
  --api-key KEY    the API key
  --json           machine-readable output on stdout (every read command)
  --help           this text

Configuration, highest precedence first: flags (--api-url, --api-key); the environment (FF_API_URL,
FF_API_KEY); the nearest ${configFileName} in this directory or above (apiUrl, apiKey, project,
workflow; see ff init); the default API http://127.0.0.1:8000.

Exit codes:
  0  ok
  1  findings at or above --fail-on
  2  usage error (found before any request), or the API refused the request (unknown id, bad parameters)
  3  the run failed or was cancelled
  4  cannot reach the API, or it refused the key
  130  interrupted (Ctrl-C) while waiting for a run; the run goes on

${initUsage}

${targetsUsage}

${workflowsUsage}

${runUsage}

${runsUsage}

${findingsUsage}

${webhooksUsage}

${adminKeysUsage}

${adminDlqUsage}`;

/** Splits the global flags (which may appear anywhere) from the command's own arguments. */
function globalFlags(argv: readonly string[]) {
  const rest: string[] = [];
  const flags: { 'api-url'?: string; 'api-key'?: string; help?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === '--api-url' || name === '--api-key') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw usageError(`${name} needs a value.`);
      flags[name.slice(2) as 'api-url' | 'api-key'] = value;
    } else if (arg === '--help' || arg === '-h') {
      flags.help = true;
    } else {
      rest.push(arg);
    }
  }
  return { flags, rest };
}

type Command = (args: readonly string[], ctx: Context) => Promise<number>;

/** The command a line names, and its own arguments. */
function route(rest: readonly string[]): [Command, string[]] {
  const [group, sub, ...args] = rest;
  const tail = sub === undefined ? [] : [sub, ...args];
  switch (group) {
    case 'init':
      return [init, tail];
    case 'targets':
      return [targets, tail];
    case 'workflows':
      return [workflows, tail];
    case 'run':
      return [run, tail];
    case 'runs':
      return [runs, tail];
    case 'findings':
      return [findings, tail];
    case 'webhooks':
      return [webhooks, tail];
    case 'admin':
      if (sub === 'keys') return [adminKeys, args];
      if (sub === 'dlq') return [adminDlq, args];
  }
  throw usageError(`Unknown command: ${rest.slice(0, 3).join(' ')}. Run ff --help for the commands.`);
}

export interface Terminal {
  out: Output;
  err: Output;
  /** stderr is a terminal: progress redraws in place. */
  interactive: boolean;
  columns: number;
  cwd: string;
}

const processTerminal = (): Terminal => ({
  out: { write: (t) => process.stdout.write(t) },
  err: { write: (t) => process.stderr.write(t) },
  interactive: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns || 80,
  cwd: process.cwd(),
});

/** The whole CLI: arguments and environment in, exit code out; messages on stdout/stderr. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  terminal: Terminal = processTerminal(),
): Promise<number> {
  const { err } = terminal;
  let config: CliConfig | undefined;
  try {
    const { flags, rest } = globalFlags(argv);
    if (flags.help || rest.length === 0) {
      (flags.help ? terminal.out : err).write(`${usage}\n`);
      return flags.help ? exitCodes.ok : exitCodes.usage;
    }
    const [command, args] = route(rest);
    config = resolveConfig(flags, env, await loadConfigFile(terminal.cwd));
    const client = new FuzzForgeClient({
      baseUrl: config.apiUrl,
      apiKey: config.apiKey,
      userAgent: 'ff/0.1',
    });
    return await command(args, { ...terminal, client, config });
  } catch (e) {
    const cliError = e instanceof CliError ? e : config ? cliErrorOf(e, config) : undefined;
    if (cliError) {
      err.write(`ff: ${cliError.message}\n`);
      return cliError.exitCode;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err.write(`ff: ${e.message}. Run ff --help for the flags.\n`);
      return exitCodes.usage;
    }
    throw e;
  }
}
