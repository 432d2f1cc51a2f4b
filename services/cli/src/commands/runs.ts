import { parseArgs } from 'node:util';
import type { FuzzForgeEvent, RunResponse } from '@fuzzforge/contracts';
import { printer, when, type Context } from '../context';
import { onePositional, usageError } from '../exitCodes';
import { describeCounts, nonZero, parseSeverity } from '../gating';
import { fuzzingLine } from '../progressFormat';
import { endOf, runSummary, watchRun, writeSarif } from '../runWatch';
import { formatTable } from '../table';
import { projectOf } from './targets';

export const runsUsage = `Usage:
  ff runs list [--project P] [--workflow W] [--status S] [--limit N] [--cursor C] [--json]
  ff runs show ID [--wait] [--live] [--fail-on SEVERITY] [--sarif FILE] [--json]
  ff runs cancel ID [--reason TEXT] [--json]
  ff runs retry ID [--json]
  ff runs events ID [--json]      the run's events as they happen (--json: one JSON event per line)`;

const describe = (run: RunResponse): string =>
  [
    `Run ${run.id}: ${run.status}`,
    `  workflow:  ${run.workflow ?? '-'} on target ${run.target ?? '-'} (project ${run.project})`,
    `  requested: ${when(run.requestedAt)}   started: ${when(run.startedAt)}   finished: ${when(run.finishedAt)}`,
    `  findings:  ${describeCounts(nonZero(run.findingCounts))} (gating: ${describeCounts(nonZero(run.gatingCounts))})`,
    ...(run.progress
      ? [
          `  progress:  ${run.progress.step}${run.progress.percent === undefined ? '' : ` ${run.progress.percent}%`} ${run.progress.message}`,
        ]
      : []),
    ...(run.fuzzing ? [`  fuzzing:   ${fuzzingLine(run.fuzzing)}`] : []),
    ...(run.error ? [`  error:     ${run.error.code}: ${run.error.message}`] : []),
    ...(run.retryOf ? [`  retry of:  ${run.retryOf}`] : []),
  ].join('\n');

/** What one event says, in a few words. */
function eventText(event: FuzzForgeEvent): string {
  switch (event.type) {
    case 'ff.run.progress': {
      const d = event.data;
      if (d.fuzzing) return fuzzingLine(d.fuzzing);
      return `${d.step}${d.percent === undefined ? '' : ` ${d.percent}%`} ${d.message}`.trim();
    }
    case 'ff.run.finding': {
      const f = event.data.finding;
      return `${f.severity} ${f.ruleId} ${f.location.path}${f.location.startLine ? `:${f.location.startLine}` : ''}`;
    }
    case 'ff.run.failed':
      return `${event.data.error.code}: ${event.data.error.message}`;
    default:
      return '';
  }
}

/** One event as a log line: time, type and what it says. */
const eventLine = (event: FuzzForgeEvent): string => {
  const text = eventText(event);
  return `${when(event.time)}  ${event.type}${text ? `  ${text}` : ''}`;
};

/** `ff runs list|show|cancel|retry|events`. */
export async function runs(args: readonly string[], ctx: Context): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      workflow: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      reason: { type: 'string' },
      wait: { type: 'boolean' },
      live: { type: 'boolean' },
      'fail-on': { type: 'string' },
      sarif: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const print = printer(ctx, values.json);
  switch (action) {
    case 'list': {
      const project = projectOf(ctx, values.project);
      const page = await ctx.client.runs.list({
        project,
        workflow: values.workflow,
        status: values.status,
        cursor: values.cursor,
        ...(values.limit ? { limit: Number(values.limit) } : {}),
      });
      const table = formatTable(
        ['ID', 'STATUS', 'WORKFLOW', 'PROJECT', 'REQUESTED', 'GATING'],
        page.runs.map((r) => [
          r.id,
          r.status,
          r.workflow ?? '-',
          r.project,
          when(r.requestedAt),
          describeCounts(nonZero(r.gatingCounts)),
        ]),
      );
      print(page, page.next ? `${table}\nMore: ff runs list --cursor ${page.next}` : table);
      return 0;
    }
    case 'show': {
      const id = onePositional(positionals, 'run', runsUsage);
      const failOn = values['fail-on'] === undefined ? undefined : parseSeverity(values['fail-on']);
      const wait = Boolean(values.wait || values.live || failOn || values.sarif);
      const run = wait ? await watchRun(ctx, id, values.live ?? false) : await ctx.client.runs.get(id);
      if (values.sarif && run.status === 'completed') await writeSarif(ctx, id, values.sarif);
      print(run, describe(run));
      if (!wait) return 0;
      ctx.err.write(`${runSummary(run)}\n`);
      return endOf(ctx, run, failOn);
    }
    case 'cancel': {
      const cancelled = await ctx.client.runs.cancel(
        onePositional(positionals, 'run', runsUsage),
        values.reason,
      );
      print(cancelled, `Asked run ${cancelled.id} (${cancelled.status}) to stop; it ends cancelled shortly.`);
      return 0;
    }
    case 'retry': {
      const id = onePositional(positionals, 'run', runsUsage);
      const created = await ctx.client.runs.retry(id);
      print(created, `Run ${created.id} ${created.status}: a retry of ${id}.`);
      return 0;
    }
    case 'events': {
      const id = onePositional(positionals, 'run', runsUsage);
      for await (const e of ctx.client.runs.events(id)) {
        ctx.out.write(
          values.json ? `${JSON.stringify({ ...e.event, sequence: e.id })}\n` : `${eventLine(e.event)}\n`,
        );
      }
      return 0;
    }
    default:
      throw usageError(`${action ? `Unknown action ${action}.\n\n` : ''}${runsUsage}`);
  }
}
