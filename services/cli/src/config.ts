import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ProjectName } from '@fuzzforge/contracts';
import { CliError, exitCodes } from './exitCodes';

/** The project config file `ff init` writes and every `ff` in that directory (or below) reads. */
export const configFileName = '.fuzzforge.json';

export const ProjectConfig = z
  .object({
    /** The API's base URL. */
    apiUrl: z.string().optional(),
    /** Only when written with `ff init --save-key`: a key in a file is a key in every copy of it. */
    apiKey: z.string().optional(),
    /** The project uploads and runs go to when --project is not given. */
    project: ProjectName.optional(),
    /** The workflow `ff run PATH` runs when only a path is given. */
    workflow: z.string().optional(),
  })
  .strict();
export type ProjectConfig = z.infer<typeof ProjectConfig>;

export interface LoadedConfigFile {
  path: string;
  config: ProjectConfig;
}

export interface CliConfig {
  apiUrl: string;
  apiKey: string | undefined;
  project: string | undefined;
  workflow: string | undefined;
  /** The config file that was read, if any. */
  configFile: string | undefined;
}

/** Where `ff` finds the API when no flag, env variable or config file says: a local `npm start`. */
export const defaultApiUrl = 'http://127.0.0.1:8000';

/** The nearest .fuzzforge.json in `dir` or a directory above it; a malformed one is a usage error. */
export async function loadConfigFile(dir: string): Promise<LoadedConfigFile | undefined> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const file = path.join(current, configFileName);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new CliError(`${file} is not valid JSON: fix it or run ff init --force.`, exitCodes.usage);
      }
      const parsed = ProjectConfig.safeParse(json);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
        throw new CliError(`${file} is invalid:\n${problems.join('\n')}`, exitCodes.usage);
      }
      return { path: file, config: parsed.data };
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * The API, key, project and workflow to use. Precedence, highest first: flags (--api-url, --api-key),
 * the environment (FF_API_URL: the API's base URL; FF_API_KEY: the key sent as a bearer token), the
 * project config file (.fuzzforge.json, see `ff init`), then the default (a local `npm start`).
 */
export function resolveConfig(
  flags: { 'api-url'?: string | undefined; 'api-key'?: string | undefined },
  env: NodeJS.ProcessEnv,
  file?: LoadedConfigFile,
): CliConfig {
  const apiUrl = (flags['api-url'] ?? (env['FF_API_URL'] || file?.config.apiUrl) ?? defaultApiUrl).replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
    throw new CliError(
      `The API URL ${apiUrl} is not an http(s) URL: set --api-url, FF_API_URL or apiUrl in ${configFileName}, e.g. ${defaultApiUrl}.`,
      exitCodes.usage,
    );
  }
  const apiKey = flags['api-key'] ?? (env['FF_API_KEY'] || file?.config.apiKey || undefined);
  return {
    apiUrl,
    apiKey,
    project: file?.config.project,
    workflow: file?.config.workflow,
    configFile: file?.path,
  };
}
