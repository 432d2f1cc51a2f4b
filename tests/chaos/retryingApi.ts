import { setTimeout as sleep } from 'node:timers/promises';
import type {
  CreatedWebhook,
  CreateWebhookRequest,
  FindingsResponse,
  RunResponse,
  TargetResponse,
} from '@fuzzforge/contracts';
import { withKey } from '../support/apiKey';

/** What a client that must not give up on a restarting API does: retry, and report what happened. */
export interface RetryingApi {
  /** Uploads an archive; retried until the API stored it (201). Returns the target id. */
  uploadTarget(archive: Buffer, filename: string): Promise<string>;
  /**
   * Asks for a run; retried on connection errors and 5xx. Returns its id once the API answered 202, or
   * undefined if it never did before the deadline (then the run was not accepted).
   */
  submitRun(target: string): Promise<string | undefined>;
  run(id: string): Promise<RunResponse>;
  findings(id: string): Promise<FindingsResponse>;
  /** Subscribes a webhook (before the chaos starts). */
  createWebhook(request: Partial<CreateWebhookRequest>): Promise<CreatedWebhook>;
  /** Attempts that failed and were retried (connection refused/reset, 5xx), by kind. */
  readonly retries: Map<string, number>;
}

class Retryable extends Error {}

/** A fetch that failed for a reason a restarting platform (or a rate limit) explains: worth another attempt. */
async function attempt(url: string, init: RequestInit, expected: number): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    throw new Retryable(cause?.code ?? (err instanceof Error ? err.name : 'fetch-failed'), { cause: err });
  }
  if (res.status === expected) return res;
  const body = await res.text().catch(() => '');
  if (res.status >= 500 || res.status === 429) throw new Retryable(`http-${res.status}`, { cause: body });
  throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${body}`);
}

export function retryingApi(
  baseUrl: string,
  apiKey: string,
  options: { deadlineMs?: number } = {},
): RetryingApi {
  const retries = new Map<string, number>();
  const deadlineMs = options.deadlineMs ?? 120_000;

  const call = async (url: string, init: RequestInit, expected: number): Promise<Response | undefined> => {
    const deadline = Date.now() + deadlineMs;
    const authorized = withKey(apiKey, init);
    for (let n = 0; ; n++) {
      try {
        return await attempt(url, authorized, expected);
      } catch (err) {
        if (!(err instanceof Retryable)) throw err;
        retries.set(err.message, (retries.get(err.message) ?? 0) + 1);
        if (Date.now() > deadline) return undefined;
        await sleep(Math.min(2_000, 100 * 2 ** n));
      }
    }
  };
  const json = async <T>(what: string, url: string): Promise<T> => {
    const res = await call(url, {}, 200);
    if (!res) throw new Error(`${what}: the API did not answer within ${deadlineMs} ms`);
    return (await res.json()) as T;
  };

  return {
    retries,
    async uploadTarget(archive, filename) {
      const res = await call(
        `${baseUrl}/v1/targets?filename=${encodeURIComponent(filename)}`,
        { method: 'POST', headers: { 'content-type': 'application/gzip' }, body: archive },
        201,
      );
      if (!res) throw new Error(`upload of ${filename}: the API did not store it within ${deadlineMs} ms`);
      return ((await res.json()) as TargetResponse).id;
    },
    async submitRun(target) {
      const res = await call(
        `${baseUrl}/v1/runs`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ target, workflow: 'secret-scan', parameters: {} }),
        },
        202,
      );
      return res ? ((await res.json()) as { id: string }).id : undefined;
    },
    async createWebhook(request) {
      const res = await call(
        `${baseUrl}/v1/webhooks`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) },
        201,
      );
      if (!res) throw new Error(`webhook: the API did not create it within ${deadlineMs} ms`);
      return (await res.json()) as CreatedWebhook;
    },
    run: (id) => json<RunResponse>(`run ${id}`, `${baseUrl}/v1/runs/${id}`),
    findings: (id) => json<FindingsResponse>(`findings of ${id}`, `${baseUrl}/v1/runs/${id}/findings`),
  };
}
