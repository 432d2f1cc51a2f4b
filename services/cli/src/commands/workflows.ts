import { parseArgs } from 'node:util';
import type { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { printer, type Context } from '../context';
import { usageError } from '../exitCodes';
import { formatDuration } from '../progressFormat';
import { formatTable } from '../table';

export const workflowsUsage = `Usage:
  ff workflows list [--json]
  ff workflows info NAME [--json]`;

interface ParameterSchema {
  type?: string | string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
}

/** One line per parameter of a workflow's JSON Schema: name, type, default, bounds, description. */
function parameterLines(schema: Record<string, unknown>): string[] {
  const properties = (schema['properties'] ?? {}) as Record<string, ParameterSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, p]) => {
    const facts = [
      Array.isArray(p.type) ? p.type.join('|') : (p.type ?? 'any'),
      required.has(name) ? 'required' : undefined,
      p.default === undefined ? undefined : `default ${JSON.stringify(p.default)}`,
      p.enum ? `one of ${p.enum.map((v) => JSON.stringify(v)).join(', ')}` : undefined,
      p.minimum === undefined && p.maximum === undefined
        ? undefined
        : `${p.minimum ?? ''}..${p.maximum ?? ''}`,
    ].filter(Boolean);
    return `  ${name} (${facts.join(', ')})${p.description ? `: ${p.description}` : ''}`;
  });
}

const describe = (w: WorkflowCatalogEntry): string =>
  [
    `${w.name} ${w.version}: ${w.title}`,
    '',
    w.description,
    '',
    `Tools:    ${w.tools.join(', ')}`,
    `Timeout:  ${formatDuration(w.timeoutSeconds)}`,
    `Vertical: ${w.vertical}`,
    '',
    'Parameters (ff run --param NAME=VALUE):',
    ...(parameterLines(w.parameters).length > 0 ? parameterLines(w.parameters) : ['  (none)']),
  ].join('\n');

/** `ff workflows list|info`: the workflow catalog. */
export async function workflows(args: readonly string[], ctx: Context): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  const print = printer(ctx, values.json);
  switch (action) {
    case 'list': {
      const list = await ctx.client.workflows.list();
      print(
        { workflows: list },
        formatTable(
          ['NAME', 'VERSION', 'TOOLS', 'TITLE'],
          list.map((w) => [w.name, w.version, w.tools.join(','), w.title]),
        ),
      );
      return 0;
    }
    case 'info': {
      const [name, ...extra] = positionals;
      if (!name || extra.length > 0) throw usageError(`Name one workflow.\n\n${workflowsUsage}`);
      const workflow = await ctx.client.workflows.get(name);
      print(workflow, describe(workflow));
      return 0;
    }
    default:
      throw usageError(`${action ? `Unknown action ${action}.\n\n` : ''}${workflowsUsage}`);
  }
}
