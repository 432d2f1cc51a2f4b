import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Severity } from '@fuzzforge/contracts';
import { printer, type Context } from '../context';
import { usageError } from '../exitCodes';
import { parseSeverity } from '../gating';
import { runParameters } from '../runParameters';
import { endOf, runSummary, watchRun, writeSarif } from '../runWatch';
import { isLocalPath, uploadPath } from '../upload';
import { projectOf } from './targets';

export const runUsage = `Usage:
  ff run WORKFLOW PATH|TARGET_ID [--param KEY=VALUE ...] [--params-file FILE.json] [--project P]
         [--wait] [--live] [--fail-on SEVERITY] [--sarif FILE] [--json]

PATH (a file or directory) is uploaded first; anything else is a target id. --param values are JSON
when they parse (60, true, ["a"]), strings otherwise; they override --params-file. WORKFLOW may be left
out when .fuzzforge.json names one (ff init --workflow).
  --wait              wait for the run to end (implied by --live, --fail-on and --sarif)
  --live              show progress on stderr (steps; fuzzing execs/s, coverage, crashes)
  --fail-on SEVERITY  exit 1 when the run has unsuppressed findings at or above SEVERITY
                      (critical > high > medium > low > info)
  --sarif FILE        write the run's findings as SARIF 2.1.0
  --json              print the run (its final state when waiting) as JSON on stdout`;

interface RunPlan {
  workflow: string;
  source: string;
  parameters: Record<string, unknown>;
  project: string | undefined;
  wait: boolean;
  live: boolean;
  failOn: Severity | undefined;
  sarif: string | undefined;
  json: boolean;
}

/** Everything `ff run` will do, checked before any request: a mistake is exit 2 with nothing sent. */
async function plan(args: readonly string[], ctx: Context): Promise<RunPlan> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      param: { type: 'string', multiple: true },
      'params-file': { type: 'string' },
      project: { type: 'string' },
      wait: { type: 'boolean' },
      live: { type: 'boolean' },
      'fail-on': { type: 'string' },
      sarif: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [workflow, source] =
    positionals.length === 1 && ctx.config.workflow ? [ctx.config.workflow, positionals[0]] : positionals;
  if (!workflow || !source || positionals.length > 2) {
    throw usageError(`Name a workflow and a path or target id.\n\n${runUsage}`);
  }
  let fileContent: string | undefined;
  if (values['params-file'] !== undefined) {
    fileContent = await readFile(path.resolve(ctx.cwd, values['params-file']), 'utf8').catch(() => {
      throw usageError(`--params-file ${values['params-file']} cannot be read.`);
    });
  }
  const failOn = values['fail-on'] === undefined ? undefined : parseSeverity(values['fail-on']);
  return {
    workflow,
    source,
    parameters: runParameters(fileContent, values.param ?? []),
    project: projectOf(ctx, values.project),
    live: values.live ?? false,
    wait: Boolean(values.wait || values.live || failOn || values.sarif),
    failOn,
    sarif: values.sarif,
    json: values.json ?? false,
  };
}

/** A missing path is a mistake, not a target id: ids have no slashes and do not start with a dot. */
const looksLikePath = (source: string): boolean => /[/\\]/.test(source) || source.startsWith('.');

/** `ff run`: upload if needed, request the run, and optionally wait, gate and write SARIF. */
export async function run(args: readonly string[], ctx: Context): Promise<number> {
  const p = await plan(args, ctx);
  const local = await isLocalPath(path.resolve(ctx.cwd, p.source));
  if (!local && looksLikePath(p.source)) throw usageError(`${p.source} is not a file or directory.`);
  const target = local ? (await uploadPath(ctx, p.source, p.project)).id : p.source;
  const created = await ctx.client.runs.create({
    workflow: p.workflow,
    target,
    parameters: p.parameters,
    ...(p.project ? { project: p.project } : {}),
  });
  const print = printer(ctx, p.json);
  if (!p.wait) {
    print(created, `${created.id}`);
    ctx.err.write(`Run ${created.id} ${created.status}. Follow it with ff runs show ${created.id}.\n`);
    return 0;
  }
  ctx.err.write(`Run ${created.id} ${created.status} (${p.workflow} on ${target}).\n`);
  const ended = await watchRun(ctx, created.id, p.live);
  if (p.sarif && ended.status === 'completed') await writeSarif(ctx, ended.id, p.sarif);
  ctx.err.write(`${runSummary(ended)}\n`);
  if (p.json) print(ended, '');
  else ctx.out.write(`${ended.id}\n`);
  return endOf(ctx, ended, p.failOn);
}
