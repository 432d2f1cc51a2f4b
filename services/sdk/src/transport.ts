import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { Problem } from '@fuzzforge/contracts';
import { FuzzForgeApiError, FuzzForgeConnectionError } from './errors';
import {
  defaultRetryPolicy,
  isTransientStatus,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
} from './retryPolicy';

export interface ClientOptions {
  /** The API's base URL, e.g. http://127.0.0.1:8000. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string | undefined;
  /** Retries of transient failures (connection errors, 429, 502–504); `{ attempts: 1 }` turns them off. */
  retry?: Partial<RetryPolicy>;
  /** Gives up on one attempt after this long (default 60 s; streams and uploads are not limited). */
  timeoutMs?: number;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
  userAgent?: string;
}

export interface SendOptions {
  /** A JSON body. */
  json?: unknown;
  /** Any other body; a function is called again for each attempt (a stream can be sent only once). */
  body?: () => RequestInit['body'];
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Whether transient failures may be retried: true for reads and for requests that are idempotent. */
  retry: boolean;
  /** No per-attempt timeout (long downloads, event streams, uploads). */
  unbounded?: boolean;
}

/** The HTTP layer every SDK call goes through: auth, JSON, problem+json errors and retries. */
export class Transport {
  readonly baseUrl: string;
  private readonly policy: RetryPolicy;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Sends a request and returns the successful response; errors become FuzzForgeApiError/ConnectionError. */
  async send(method: string, path: string, o: SendOptions): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const last = !o.retry || attempt >= this.policy.attempts;
      let res: Response;
      try {
        res = await this.fetchImpl(`${this.baseUrl}${path}`, this.init(method, o));
      } catch (err) {
        if (o.signal?.aborted) throw err;
        if (last) throw new FuzzForgeConnectionError(this.baseUrl, err);
        await sleep(retryDelayMs(this.policy, attempt, undefined), undefined, { signal: o.signal });
        continue;
      }
      if (res.ok) return res;
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
      if (!last && isTransientStatus(res.status)) {
        await res.body?.cancel();
        await sleep(retryDelayMs(this.policy, attempt, retryAfter), undefined, { signal: o.signal });
        continue;
      }
      throw new FuzzForgeApiError(res.status, await problemOf(res), retryAfter);
    }
  }

  /** Sends a request and parses its JSON answer with the contract's schema. */
  async json<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    o: SendOptions,
  ): Promise<z.infer<S>> {
    const res = await this.send(method, path, o);
    return schema.parse(await res.json());
  }

  private init(method: string, o: SendOptions): RequestInit & { duplex?: 'half' } {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'fuzzforge-sdk/0.1',
      ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
      ...(o.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...o.headers,
    };
    const body = o.json !== undefined ? JSON.stringify(o.json) : o.body?.();
    const timeout = o.unbounded ? undefined : AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
    const signal = timeout && o.signal ? AbortSignal.any([timeout, o.signal]) : (timeout ?? o.signal);
    return {
      method,
      headers,
      ...(body != null ? { body } : {}),
      // Streamed request bodies need half-duplex in Node's fetch.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      ...(signal ? { signal } : {}),
    };
  }
}

async function problemOf(res: Response): Promise<Partial<Problem>> {
  const text = await res.text().catch(() => '');
  try {
    return JSON.parse(text) as Partial<Problem>;
  } catch {
    return { status: res.status, detail: text.slice(0, 500) || `HTTP ${res.status}` };
  }
}
