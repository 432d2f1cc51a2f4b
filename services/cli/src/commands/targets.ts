import { parseArgs } from 'node:util';
import { ProjectName, type TargetResponse } from '@fuzzforge/contracts';
import { printer, when, type Context } from '../context';
import { usageError } from '../exitCodes';
import { formatBytes } from '../progressFormat';
import { formatTable } from '../table';
import { uploadPath } from '../upload';

export const targetsUsage = `Usage:
  ff targets upload PATH [--project P] [--json]   a file, or a directory packed as tar.gz
                                                  (.gitignore honoured, .git and node_modules left out)
  ff targets list [--project P] [--limit N] [--json]
  ff targets show ID [--json]`;

/** `--project` (or the config file's project), checked before any request. */
export function projectOf(ctx: Context, flag: string | undefined): string | undefined {
  const project = flag ?? ctx.config.project;
  if (project !== undefined && !ProjectName.safeParse(project).success) {
    throw usageError(
      `--project ${project} is not a project name: lowercase letters, digits, ".", "_" or "-".`,
    );
  }
  return project;
}

const describe = (t: TargetResponse): string =>
  `Target ${t.id}\n  file:     ${t.filename ?? '-'} (${t.contentType}, ${formatBytes(t.size)})\n  uploaded: ${when(
    t.uploadedAt,
  )}\n  projects: ${t.projects.join(', ')}`;

/** `ff targets upload|list|show`. */
export async function targets(args: readonly string[], ctx: Context): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { project: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  });
  const print = printer(ctx, values.json);
  switch (action) {
    case 'upload': {
      const [source, ...extra] = positionals;
      if (!source || extra.length > 0)
        throw usageError(`Name one file or directory to upload.\n\n${targetsUsage}`);
      const target = await uploadPath(ctx, source, projectOf(ctx, values.project));
      print(target, target.id);
      return 0;
    }
    case 'list': {
      const project = projectOf(ctx, values.project);
      const page = await ctx.client.targets.list({
        ...(project ? { project } : {}),
        ...(values.limit ? { limit: Number(values.limit) } : {}),
      });
      print(
        page,
        formatTable(
          ['ID', 'FILE', 'SIZE', 'UPLOADED', 'PROJECTS'],
          page.targets.map((t) => [
            t.id,
            t.filename ?? '-',
            formatBytes(t.size),
            when(t.uploadedAt),
            t.projects.join(','),
          ]),
        ),
      );
      return 0;
    }
    case 'show': {
      const [id, ...extra] = positionals;
      if (!id || extra.length > 0) throw usageError(`Name one target.\n\n${targetsUsage}`);
      const target = await ctx.client.targets.get(id);
      print(target, describe(target));
      return 0;
    }
    default:
      throw usageError(`${action ? `Unknown action ${action}.\n\n` : ''}${targetsUsage}`);
  }
}
