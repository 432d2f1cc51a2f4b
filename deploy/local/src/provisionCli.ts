import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { verticals } from '@fuzzforge/catalog/verticals';
import { createLogger } from '@fuzzforge/observability';
import { stackConfigFromEnv } from './stackConfig';

const usage = `usage: npm run provision -- [vertical ...]
  Installs the named verticals' tools (all verticals when none is named) under the stack dir
  (FF_STACK_DIR, default .stack) and prints the tool variables their workers need, ready for export.
  verticals: ${verticals.map((v) => v.name).join(', ')}`;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Logs go to stderr so that stdout is only the env lines.
const log = createLogger('provision', { write: (line) => process.stderr.write(line + '\n') });

const shellSafe = (value: string): string =>
  /^[\w@%+=:,./-]*$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  const unknown = positionals.filter((name) => !verticals.some((v) => v.name === name));
  if (unknown.length) {
    process.stderr.write(`unknown vertical: ${unknown.join(', ')}\n${usage}\n`);
    return 2;
  }
  const selected = positionals.length ? verticals.filter((v) => positionals.includes(v.name)) : verticals;
  const stackRoot = stackConfigFromEnv(process.env, repoRoot, 'dev').root;
  // Verticals may share a tool (semgrep): one line per variable.
  const toolEnv: Record<string, string> = {};
  for (const vertical of selected) {
    const started = performance.now();
    Object.assign(toolEnv, await vertical.provision(stackRoot, process.env, log));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`${vertical.name}: ready in ${seconds} s\n`);
  }
  for (const [name, value] of Object.entries(toolEnv)) process.stdout.write(`${name}=${shellSafe(value)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const hint = (error as { hint?: unknown }).hint;
    process.stderr.write(`error: ${message}\n`);
    if (typeof hint === 'string' && !message.includes(hint)) process.stderr.write(`fix: ${hint}\n`);
    process.exit(1);
  },
);
