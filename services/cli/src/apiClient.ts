import type { Problem } from '@fuzzforge/contracts';
import type { CliConfig } from './config';
import { CliError, exitCodes } from './exitCodes';

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

const problemOf = async (res: Response): Promise<Partial<Problem>> => {
  const text = await res.text();
  try {
    return JSON.parse(text) as Partial<Problem>;
  } catch {
    return { detail: text.slice(0, 500) };
  }
};

/** What to tell the user for an API refusal: the API's own words, and for auth failures what to do. */
function refusal(config: CliConfig, status: number, problem: Partial<Problem>): CliError {
  const detail = problem.detail ?? `HTTP ${status}`;
  const fields = (problem.errors ?? []).map((e) => `\n  ${e.path}: ${e.message}`).join('');
  if (status === 401) {
    const hint = config.apiKey
      ? 'check FF_API_KEY (or --api-key): the key may be revoked or expired.'
      : 'set FF_API_KEY (or --api-key) to an API key; an admin creates one with `ff admin keys create`.';
    return new CliError(`${detail}\nThe API refused the request: ${hint}`, exitCodes.unreachable);
  }
  if (status === 403) {
    return new CliError(`${detail}\nUse a key with the needed scope or project.`, exitCodes.unreachable);
  }
  if (status === 429) {
    return new CliError(`${detail}`, exitCodes.unreachable);
  }
  return new CliError(`${detail}${fields}`, status >= 500 ? exitCodes.unreachable : exitCodes.usage);
}

/** A JSON client of the FuzzForge API that turns every failure into a CliError with a next step. */
export function apiClient(config: CliConfig, fetchImpl: typeof fetch = fetch): ApiClient {
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetchImpl(`${config.apiUrl}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
        throw new CliError(
          `Cannot reach the FuzzForge API at ${config.apiUrl} (${cause}). Is it running (npm start)? Set FF_API_URL or --api-url if it is elsewhere.`,
          exitCodes.unreachable,
        );
      }
      if (!res.ok) throw refusal(config, res.status, await problemOf(res));
      return (await res.json()) as T;
    },
  };
}
