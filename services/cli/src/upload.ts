import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { TargetResponse } from '@fuzzforge/contracts';
import type { Context } from './context';
import { usageError } from './exitCodes';
import { formatBytes, uploadProgressLine } from './progressFormat';
import { statusLine } from './statusLine';

/** Whether `p` is a file or directory: ff uploads it. Otherwise `ff run` reads it as a target id. */
export const isLocalPath = (p: string): Promise<boolean> =>
  stat(p).then(
    (s) => s.isFile() || s.isDirectory(),
    () => false,
  );

/**
 * Uploads a file or a directory (packed as tar.gz by the SDK: .gitignore honoured, .git and
 * node_modules left out), with a progress bar and rate on a terminal and one line when done.
 */
export async function uploadPath(ctx: Context, source: string, project: string | undefined) {
  const full = path.resolve(ctx.cwd, source);
  const info = await stat(full).catch(() => undefined);
  if (!info || !(info.isFile() || info.isDirectory())) {
    throw usageError(`${source} is not a file or directory.`);
  }
  const name = info.isDirectory() ? `${path.basename(full)}.tar.gz` : path.basename(full);
  const line = statusLine(ctx.err, { interactive: ctx.interactive, columns: ctx.columns });
  const started = Date.now();
  let sent = 0;
  if (!ctx.interactive)
    ctx.err.write(`Uploading ${source}${info.isDirectory() ? ' (packed as tar.gz)' : ''}…\n`);
  let target: TargetResponse;
  try {
    target = await ctx.client.targets.upload(full, {
      filename: name,
      ...(project ? { project } : {}),
      onProgress: (p) => {
        sent = p.sentBytes;
        if (ctx.interactive) line.update(uploadProgressLine(name, p, Date.now() - started));
      },
    });
  } finally {
    if (ctx.interactive) line.done();
  }
  const seconds = (Date.now() - started) / 1000;
  ctx.err.write(
    `Uploaded ${source} as target ${target.id} (${formatBytes(target.size)} in ${seconds.toFixed(1)} s, ${formatBytes(
      seconds > 0 ? sent / seconds : sent,
    )}/s).\n`,
  );
  return target;
}
