import { apiClient } from './apiClient';
import { adminKeys, adminKeysUsage, type Output } from './commands/adminKeys';
import { resolveConfig } from './config';
import { CliError, exitCodes, usageError } from './exitCodes';

const usage = `ff — the FuzzForge command line

Commands:
  ff admin keys create|list|revoke    manage API keys (needs an admin key)

Global flags (before or after the command):
  --api-url URL    the API (env FF_API_URL; default http://127.0.0.1:8000)
  --api-key KEY    the API key (env FF_API_KEY)
  --json           machine-readable output

Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage error, 3 run failed or cancelled,
4 cannot reach or authenticate to the API.

${adminKeysUsage}`;

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

/** The whole CLI: arguments and environment in, exit code out; messages on stdout/stderr. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: Output = { write: (t) => process.stdout.write(t) },
  err: Output = { write: (t) => process.stderr.write(t) },
): Promise<number> {
  try {
    const { flags, rest } = globalFlags(argv);
    if (flags.help || rest.length === 0) {
      (flags.help ? out : err).write(`${usage}\n`);
      return flags.help ? exitCodes.ok : exitCodes.usage;
    }
    const config = resolveConfig(flags, env);
    const api = apiClient(config);
    const [group, sub, ...args] = rest;
    if (group === 'admin' && sub === 'keys') return await adminKeys(args, api, out);
    throw usageError(`Unknown command: ${rest.slice(0, 3).join(' ')}. Run ff --help for the commands.`);
  } catch (e) {
    if (e instanceof CliError) {
      err.write(`ff: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err.write(`ff: ${e.message}. Run ff --help for the flags.\n`);
      return exitCodes.usage;
    }
    throw e;
  }
}
