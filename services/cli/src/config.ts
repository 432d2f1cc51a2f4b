import { CliError, exitCodes } from './exitCodes';

export interface CliConfig {
  apiUrl: string;
  apiKey: string | undefined;
}

/** Where `ff` finds the API when neither --api-url nor FF_API_URL says: a local `npm start`. */
export const defaultApiUrl = 'http://127.0.0.1:8000';

/**
 * The API to talk to and the key to use: flags first, then the environment (FF_API_URL: the API's base
 * URL; FF_API_KEY: the API key sent as a bearer token).
 */
export function resolveConfig(
  flags: { 'api-url'?: string | undefined; 'api-key'?: string | undefined },
  env: NodeJS.ProcessEnv,
): CliConfig {
  const apiUrl = (flags['api-url'] ?? env['FF_API_URL'] ?? defaultApiUrl).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
    throw new CliError(
      `The API URL ${apiUrl} is not an http(s) URL: set --api-url or FF_API_URL, e.g. ${defaultApiUrl}.`,
      exitCodes.usage,
    );
  }
  const apiKey = flags['api-key'] ?? (env['FF_API_KEY'] || undefined);
  return { apiUrl, apiKey };
}
