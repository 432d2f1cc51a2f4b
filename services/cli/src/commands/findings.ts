import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TriageStatus, type ProjectFindingResponse } from '@fuzzforge/contracts';
import { printer, when, type Context } from '../context';
import { onePositional, usageError } from '../exitCodes';
import { findingsCsv, findingsMarkdown } from '../findingsReport';
import { formatTable } from '../table';
import { projectOf } from './targets';

export const findingsUsage = `Usage:
  ff findings list [--project P] [--run ID] [--workflow W] [--status S] [--severity S] [--tool T]
                   [--rule R] [--new-since-run ID] [--limit N] [--cursor C] [--json]
  ff findings show ID [--json]
  ff findings export RUN_ID --format sarif|json|csv|markdown [--output FILE]
  ff findings triage ID STATUS [--comment TEXT] [--json]

STATUS is one of ${TriageStatus.options.join(', ')}; false_positive and accepted_risk suppress a
finding: it no longer counts towards --fail-on, in this run and every later one.`;

const exportFormats = ['sarif', 'json', 'csv', 'markdown'] as const;
type ExportFormat = (typeof exportFormats)[number];

const location = (f: { location: { path: string; startLine?: number | undefined } }) =>
  `${f.location.path}${f.location.startLine ? `:${f.location.startLine}` : ''}`;

const describe = (f: ProjectFindingResponse): string =>
  [
    `Finding ${f.id}: ${f.severity} ${f.ruleId}${f.ruleName ? ` (${f.ruleName})` : ''}`,
    `  ${f.message}`,
    `  at:          ${location(f)}`,
    `  tool:        ${f.tool.name}${f.tool.version ? ` ${f.tool.version}` : ''}`,
    `  status:      ${f.status}${f.suppressed ? ' (suppressed: not counted for gating)' : ''}`,
    `  project:     ${f.project}; seen ${f.occurrences}×, first in run ${f.firstSeen.run}, last in ${f.lastSeen.run}`,
    ...(f.cwe.length > 0 ? [`  cwe:         ${f.cwe.join(', ')}`] : []),
    ...(f.history.length > 0
      ? [
          '  history:',
          ...f.history.map(
            (h) => `    ${when(h.at)} ${h.kind} → ${h.status}${h.comment ? `: ${h.comment}` : ''}`,
          ),
        ]
      : []),
  ].join('\n');

/** `ff findings list|show|export|triage`. */
export async function findings(args: readonly string[], ctx: Context): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      run: { type: 'string' },
      workflow: { type: 'string' },
      status: { type: 'string' },
      severity: { type: 'string' },
      tool: { type: 'string' },
      rule: { type: 'string' },
      'new-since-run': { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      comment: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const print = printer(ctx, values.json);
  switch (action) {
    case 'list': {
      const project = projectOf(ctx, values.project);
      const page = await ctx.client.findings.list({
        project,
        run: values.run,
        workflow: values.workflow,
        status: values.status,
        severity: values.severity,
        tool: values.tool,
        rule: values.rule,
        'new-since-run': values['new-since-run'],
        cursor: values.cursor,
        ...(values.limit ? { limit: Number(values.limit) } : {}),
      });
      const table = formatTable(
        ['ID', 'SEVERITY', 'STATUS', 'RULE', 'LOCATION', 'SEEN'],
        page.findings.map((f) => [f.id, f.severity, f.status, f.ruleId, location(f), `${f.occurrences}×`]),
      );
      print(page, page.next ? `${table}\nMore: ff findings list --cursor ${page.next}` : table);
      return 0;
    }
    case 'show': {
      const finding = await ctx.client.findings.get(onePositional(positionals, 'finding', findingsUsage));
      print(finding, describe(finding));
      return 0;
    }
    case 'triage': {
      const [id, status, ...extra] = positionals;
      const parsed = TriageStatus.safeParse(status);
      if (!id || !parsed.success || extra.length > 0) {
        throw usageError(
          `${status && !parsed.success ? `${status} is not a triage status. ` : ''}Name one finding and its new status.\n\n${findingsUsage}`,
        );
      }
      const triaged = await ctx.client.findings.triage(id, {
        status: parsed.data,
        ...(values.comment === undefined ? {} : { comment: values.comment }),
      });
      print(
        triaged,
        `Finding ${triaged.id} is now ${triaged.status}${triaged.suppressed ? ' (suppressed)' : ''}.`,
      );
      return 0;
    }
    case 'export': {
      const runId = onePositional(positionals, 'run', findingsUsage);
      const format = values.format as ExportFormat | undefined;
      if (!format || !exportFormats.includes(format)) {
        throw usageError(`--format must be one of ${exportFormats.join(', ')}.\n\n${findingsUsage}`);
      }
      let text: string;
      if (format === 'sarif') text = `${JSON.stringify(await ctx.client.runs.sarif(runId), null, 2)}\n`;
      else {
        const body = await ctx.client.runs.findings(runId);
        text =
          format === 'json'
            ? `${JSON.stringify(body, null, 2)}\n`
            : format === 'csv'
              ? findingsCsv(body.findings)
              : findingsMarkdown(runId, body.findings);
      }
      if (values.output) {
        await writeFile(path.resolve(ctx.cwd, values.output), text);
        ctx.err.write(`Wrote the findings of run ${runId} (${format}) to ${values.output}.\n`);
      } else {
        ctx.out.write(text);
      }
      return 0;
    }
    default:
      throw usageError(`${action ? `Unknown action ${action}.\n\n` : ''}${findingsUsage}`);
  }
}
