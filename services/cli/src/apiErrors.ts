import { ZodError } from 'zod';
import { FuzzForgeApiError, FuzzForgeConnectionError } from '@fuzzforge/sdk';
import type { CliConfig } from './config';
import { CliError, exitCodes } from './exitCodes';

/**
 * What to tell the user for an SDK failure: the API's own words and what to do next. Cannot reach or
 * authenticate: exit 4; a request the API refused as wrong (400, 404, 409…): exit 2. Anything else is
 * left to the caller (undefined).
 */
export function cliErrorOf(err: unknown, config: CliConfig): CliError | undefined {
  if (err instanceof FuzzForgeConnectionError) {
    return new CliError(
      `Cannot reach the FuzzForge API at ${config.apiUrl} (${err.message.replace(/^.*\((.*)\)$/, '$1')}). Is it running (npm start)? Set FF_API_URL or --api-url if it is elsewhere.`,
      exitCodes.unreachable,
    );
  }
  if (err instanceof ZodError) {
    return new CliError(
      `The API at ${config.apiUrl} answered in a form this ff does not understand: are the CLI and the platform the same version?`,
      exitCodes.unreachable,
    );
  }
  if (!(err instanceof FuzzForgeApiError)) return undefined;
  const detail = err.problem.detail ?? `HTTP ${err.status}`;
  const fields = (err.problem.errors ?? []).map((e) => `\n  ${e.path}: ${e.message}`).join('');
  switch (err.status) {
    case 401: {
      const hint = config.apiKey
        ? 'check FF_API_KEY (or --api-key): the key may be revoked or expired.'
        : 'set FF_API_KEY (or --api-key) to an API key; an admin creates one with `ff admin keys create`.';
      return new CliError(`${detail}\nThe API refused the request: ${hint}`, exitCodes.unreachable);
    }
    case 403:
      return new CliError(`${detail}\nUse a key with the needed scope or project.`, exitCodes.unreachable);
    case 429:
      return new CliError(
        `${detail}\nRate limited: try again${err.retryAfterSeconds ? ` in ${err.retryAfterSeconds} s` : ' later'}.`,
        exitCodes.unreachable,
      );
    default:
      return new CliError(`${detail}${fields}`, err.status >= 500 ? exitCodes.unreachable : exitCodes.usage);
  }
}
