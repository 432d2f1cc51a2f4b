import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFileName, ProjectConfig } from '../config';
import { printer, type Context } from '../context';
import { usageError } from '../exitCodes';

export const initUsage = `Usage:
  ff init [--api-url URL] [--project P] [--workflow W] [--save-key] [--force] [--json]

Writes ${configFileName} in the current directory: the API URL (--api-url, else FF_API_URL, else the
current one), the project and the default workflow of \`ff run PATH\`. The API key is written only with
--save-key (then keep the file out of version control); otherwise ff reads it from FF_API_KEY.`;

/** `ff init`: writes the project config file every later `ff` in this directory (or below) reads. */
export async function init(args: readonly string[], ctx: Context): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      workflow: { type: 'string' },
      'save-key': { type: 'boolean' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw usageError(`ff init takes no arguments.\n\n${initUsage}`);
  if (values['save-key'] && !ctx.config.apiKey) {
    throw usageError('--save-key needs a key: set FF_API_KEY or pass --api-key.');
  }
  const candidate = {
    apiUrl: ctx.config.apiUrl,
    ...(values.project ? { project: values.project } : {}),
    ...(values.workflow ? { workflow: values.workflow } : {}),
    ...(values['save-key'] ? { apiKey: ctx.config.apiKey } : {}),
  };
  const parsed = ProjectConfig.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`);
    throw usageError(`The configuration is invalid:\n${problems.join('\n')}`);
  }
  const file = path.join(ctx.cwd, configFileName);
  try {
    // `wx` refuses to replace an existing file unless --force; a saved key stays readable by its owner only.
    await writeFile(file, `${JSON.stringify(parsed.data, null, 2)}\n`, {
      flag: values.force ? 'w' : 'wx',
      mode: values['save-key'] ? 0o600 : 0o644,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw usageError(`${file} exists already: edit it, or run ff init --force to replace it.`);
    }
    throw err;
  }
  const { apiKey: _secret, ...shown } = parsed.data;
  printer(ctx, values.json)(
    { file, ...shown, apiKeySaved: Boolean(values['save-key']) },
    `Wrote ${file}.${
      values['save-key']
        ? `\nIt holds your API key: add ${configFileName} to .gitignore.`
        : '\nThe API key is not in it: set FF_API_KEY (or pass --save-key to store it).'
    }`,
  );
  return 0;
}
