import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import {
  ApiKeyList,
  ApiKeyView,
  CancelRunResponse,
  CreatedApiKey,
  CreateRunResponse,
  CreatedWebhook,
  DeadLetter,
  DeadLetterPage,
  DeleteDeadLetterResponse,
  FindingListResponse,
  FindingsResponse,
  FuzzForgeEvent,
  ProjectFindingResponse,
  ReplayResponse,
  RunListResponse,
  RunResponse,
  TargetListResponse,
  TargetResponse,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookDeliveryView,
  WebhookList,
  WebhookPingResponse,
  WebhookView,
  WorkflowCatalogEntry,
  WorkflowListResponse,
  type CreateApiKeyRequest,
  type CreateRunRequest,
  type CreateWebhookRequest,
  type DeadLetterQuery,
  type TriageRequest,
  type RotateWebhookSecretRequest,
  type UpdateWebhookRequest,
  type WebhookDeliveryQuery,
} from '@fuzzforge/contracts';
import type { z } from 'zod';
import type { PackOptions } from './packDirectory';
import { RunWaitTimeoutError } from './errors';
import { parseEventStream } from './sse';
import { Transport, type ClientOptions } from './transport';
import { progressMeter, uploadBody, type UploadProgress } from './uploadSource';

export type { ClientOptions } from './transport';

/** What a run request may leave out (parameters default to {}, project to the API's choice). */
export type RunRequest = z.input<typeof CreateRunRequest>;
export type KeyRequest = z.input<typeof CreateApiKeyRequest>;
/** A new webhook: `enabled` defaults to true, `projects` to every project. */
export type WebhookRequest = z.input<typeof CreateWebhookRequest>;
/** The fields of a webhook to change (at least one); `enabled: true` re-enables it. */
export type WebhookChange = z.input<typeof UpdateWebhookRequest>;
/** How long a rotated-out secret keeps signing. */
export type SecretRotation = z.input<typeof RotateWebhookSecretRequest>;
/** Which deliveries to list; `before` is the `next` of the previous page (newest first). */
export type WebhookDeliveryFilter = Omit<z.input<typeof WebhookDeliveryQuery>, 'limit' | 'before'> & {
  limit?: number;
  before?: number;
};

/** The states a run does not leave. */
export const terminalStatuses = new Set(['completed', 'failed', 'cancelled']);

type Query = Record<string, string | number | undefined>;

const queryString = (query: Query = {}): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
};

const id = (value: string) => encodeURIComponent(value);

export interface UploadOptions {
  filename?: string;
  contentType?: string;
  /** The project the target is filed under (default: the API's). */
  project?: string;
  /** Called as bytes go out. */
  onProgress?: (progress: UploadProgress) => void;
  /** How a directory is packed (.gitignore honoured, .git and node_modules skipped by default). */
  pack?: PackOptions;
  signal?: AbortSignal;
}

export interface SubmitOptions {
  /**
   * Makes the submission safe to retry: the API answers a repeat with the run the first one created. By
   * default the SDK generates one per call, so its own retries never create a second run.
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface RunEvent {
  /** The stream sequence: pass it as `lastEventId` to resume after this event. */
  id: string | undefined;
  type: string;
  event: FuzzForgeEvent;
}

export interface WaitOptions {
  /** Give up after this long (default: wait as long as it takes). */
  timeoutMs?: number;
  /** Polling interval (default 1 s). */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called with each new state of the run. */
  onUpdate?: (run: RunResponse) => void;
}

/**
 * A typed client of the FuzzForge API. Every answer is parsed with the API's own zod contracts;
 * failures are FuzzForgeApiError (the problem+json) or FuzzForgeConnectionError.
 */
export class FuzzForgeClient {
  private readonly http: Transport;

  constructor(options: ClientOptions) {
    this.http = new Transport(options);
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  readonly workflows = {
    list: async (): Promise<WorkflowCatalogEntry[]> =>
      (await this.http.json(WorkflowListResponse, 'GET', '/v1/workflows', { retry: true })).workflows,
    get: (name: string): Promise<WorkflowCatalogEntry> =>
      this.http.json(WorkflowCatalogEntry, 'GET', `/v1/workflows/${id(name)}`, { retry: true }),
  };

  readonly targets = {
    /**
     * Uploads a file, a directory (packed as tar.gz) or bytes, streaming them with progress. Targets are
     * content-addressed, so a retried upload of a path or bytes is safe; a stream is sent once.
     */
    upload: async (
      source: string | Uint8Array | Readable,
      o: UploadOptions = {},
    ): Promise<TargetResponse> => {
      const body = await uploadBody(source, o);
      const query = queryString({ filename: body.filename, project: o.project });
      const res = await this.http.send('POST', `/v1/targets${query}`, {
        body: () =>
          Readable.toWeb(body.open().pipe(progressMeter(body.totalBytes, o.onProgress))) as ReadableStream,
        headers: { 'content-type': body.contentType },
        retry: body.repeatable,
        unbounded: true,
        ...(o.signal ? { signal: o.signal } : {}),
      });
      return TargetResponse.parse(await res.json());
    },
    get: (targetId: string): Promise<TargetResponse> =>
      this.http.json(TargetResponse, 'GET', `/v1/targets/${id(targetId)}`, { retry: true }),
    list: (query: { project?: string; limit?: number; cursor?: string } = {}) =>
      this.http.json(TargetListResponse, 'GET', `/v1/targets${queryString(query)}`, { retry: true }),
  };

  readonly runs = {
    /** Requests a run; retried safely under an Idempotency-Key (generated unless given). */
    create: (request: RunRequest, o: SubmitOptions = {}): Promise<CreateRunResponse> =>
      this.http.json(CreateRunResponse, 'POST', '/v1/runs', {
        json: request,
        headers: { 'idempotency-key': o.idempotencyKey ?? randomUUID() },
        retry: true,
        ...(o.signal ? { signal: o.signal } : {}),
      }),
    get: (runId: string): Promise<RunResponse> =>
      this.http.json(RunResponse, 'GET', `/v1/runs/${id(runId)}`, { retry: true }),
    list: (
      query: { project?: string; workflow?: string; status?: string; limit?: number; cursor?: string } = {},
    ) => this.http.json(RunListResponse, 'GET', `/v1/runs${queryString(query)}`, { retry: true }),
    /** Asks the run to stop (idempotent). */
    cancel: (runId: string, reason?: string) =>
      this.http.json(CancelRunResponse, 'POST', `/v1/runs/${id(runId)}/cancel`, {
        json: reason === undefined ? {} : { reason },
        retry: true,
      }),
    /** A new run with an ended run's inputs (not retried: each call is a new run). */
    retry: (runId: string): Promise<CreateRunResponse> =>
      this.http.json(CreateRunResponse, 'POST', `/v1/runs/${id(runId)}/retry`, { retry: false }),
    findings: (runId: string): Promise<FindingsResponse> =>
      this.http.json(FindingsResponse, 'GET', `/v1/runs/${id(runId)}/findings`, { retry: true }),
    /** The run's findings as a SARIF 2.1.0 log (parsed JSON). */
    sarif: async (runId: string): Promise<Record<string, unknown>> => {
      const res = await this.http.send('GET', `/v1/runs/${id(runId)}/findings?format=sarif`, { retry: true });
      return (await res.json()) as Record<string, unknown>;
    },
    /**
     * The run's events as they happen (past ones first), ending after the run's end event. Resumes
     * after `lastEventId` (the `id` of the last event seen), so a dropped connection loses nothing.
     */
    events: (
      runId: string,
      o: { lastEventId?: string; signal?: AbortSignal } = {},
    ): AsyncIterable<RunEvent> => this.runEvents(runId, o),
    /** Polls until the run has ended; resolves with its final state. */
    wait: (runId: string, o: WaitOptions = {}): Promise<RunResponse> => this.waitForRun(runId, o),
  };

  readonly findings = {
    list: (
      query: {
        project?: string;
        run?: string;
        workflow?: string;
        status?: string;
        severity?: string;
        tool?: string;
        rule?: string;
        'new-since-run'?: string;
        limit?: number;
        cursor?: string;
      } = {},
    ) => this.http.json(FindingListResponse, 'GET', `/v1/findings${queryString(query)}`, { retry: true }),
    get: (findingId: string): Promise<ProjectFindingResponse> =>
      this.http.json(ProjectFindingResponse, 'GET', `/v1/findings/${id(findingId)}`, { retry: true }),
    triage: (findingId: string, request: TriageRequest): Promise<ProjectFindingResponse> =>
      this.http.json(ProjectFindingResponse, 'PATCH', `/v1/findings/${id(findingId)}`, {
        json: request,
        retry: false,
      }),
  };

  readonly admin = {
    keys: {
      create: (request: KeyRequest): Promise<CreatedApiKey> =>
        this.http.json(CreatedApiKey, 'POST', '/v1/admin/keys', { json: request, retry: false }),
      list: async (o: { revoked?: boolean } = {}): Promise<ApiKeyView[]> =>
        (
          await this.http.json(ApiKeyList, 'GET', `/v1/admin/keys${o.revoked ? '?revoked=true' : ''}`, {
            retry: true,
          })
        ).keys,
      revoke: (keyId: string): Promise<ApiKeyView> =>
        this.http.json(ApiKeyView, 'DELETE', `/v1/admin/keys/${id(keyId)}`, { retry: true }),
    },
    dlq: {
      list: (query: Partial<Record<keyof DeadLetterQuery, string | number>> = {}) =>
        this.http.json(DeadLetterPage, 'GET', `/v1/admin/dlq${queryString(query)}`, { retry: true }),
      get: (dlqId: number) => this.http.json(DeadLetter, 'GET', `/v1/admin/dlq/${dlqId}`, { retry: true }),
      replay: (dlqId: number): Promise<ReplayResponse> =>
        this.http.json(ReplayResponse, 'POST', `/v1/admin/dlq/${dlqId}/replay`, { retry: false }),
      discard: (dlqId: number): Promise<DeleteDeadLetterResponse> =>
        this.http.json(DeleteDeadLetterResponse, 'DELETE', `/v1/admin/dlq/${dlqId}`, { retry: false }),
    },
  };

  readonly webhooks = {
    /** Subscribes a URL to events; the answer carries the signing secret, shown this once only. */
    create: (request: WebhookRequest): Promise<CreatedWebhook> =>
      this.http.json(CreatedWebhook, 'POST', '/v1/webhooks', { json: request, retry: false }),
    list: async (): Promise<WebhookView[]> =>
      (await this.http.json(WebhookList, 'GET', '/v1/webhooks', { retry: true })).webhooks,
    get: (webhookId: string): Promise<WebhookView> =>
      this.http.json(WebhookView, 'GET', `/v1/webhooks/${id(webhookId)}`, { retry: true }),
    /** Sets the given fields (idempotent, so retried). */
    update: (webhookId: string, change: WebhookChange): Promise<WebhookView> =>
      this.http.json(WebhookView, 'PATCH', `/v1/webhooks/${id(webhookId)}`, { json: change, retry: true }),
    /**
     * Gives the webhook a new signing secret (in the answer, shown this once). The old one keeps
     * signing beside it for `graceSeconds` (default a day; 0 drops it at once). Not retried: a repeat
     * would rotate again and the first answer's secret would be lost.
     */
    rotateSecret: (webhookId: string, options: SecretRotation = {}): Promise<CreatedWebhook> =>
      this.http.json(CreatedWebhook, 'POST', `/v1/webhooks/${id(webhookId)}/rotate-secret`, {
        json: options,
        retry: false,
      }),
    /**
     * Sends the webhook a test delivery (`ff.webhook.ping`), whatever its filters; `delivery(id,
     * deliveryId)` then shows how it went. Not retried: a repeat would send a second ping.
     */
    ping: (webhookId: string): Promise<WebhookPingResponse> =>
      this.http.json(WebhookPingResponse, 'POST', `/v1/webhooks/${id(webhookId)}/ping`, { retry: false }),
    /** Deletes the webhook and its delivery log (not retried: a repeat would answer 404). */
    delete: async (webhookId: string): Promise<void> => {
      await this.http.send('DELETE', `/v1/webhooks/${id(webhookId)}`, { retry: false });
    },
    /** One page of the delivery log, newest first; `next` is the `before` of the following page. */
    deliveries: (webhookId: string, query: WebhookDeliveryFilter = {}): Promise<WebhookDeliveryPage> =>
      this.http.json(
        WebhookDeliveryPage,
        'GET',
        `/v1/webhooks/${id(webhookId)}/deliveries${queryString(query)}`,
        { retry: true },
      ),
    /** One delivery: the body sent and every attempt. */
    delivery: (webhookId: string, deliveryId: string): Promise<WebhookDeliveryDetail> =>
      this.http.json(
        WebhookDeliveryDetail,
        'GET',
        `/v1/webhooks/${id(webhookId)}/deliveries/${id(deliveryId)}`,
        { retry: true },
      ),
    /** Sends a delivery again now, a dead-lettered one too (not retried: each call is an attempt). */
    redeliver: (webhookId: string, deliveryId: string): Promise<WebhookDeliveryView> =>
      this.http.json(
        WebhookDeliveryView,
        'POST',
        `/v1/webhooks/${id(webhookId)}/deliveries/${id(deliveryId)}/redeliver`,
        { retry: false },
      ),
  };

  private async *runEvents(
    runId: string,
    o: { lastEventId?: string; signal?: AbortSignal },
  ): AsyncGenerator<RunEvent> {
    let lastEventId = o.lastEventId;
    for (let reconnects = 0; ; reconnects++) {
      const res = await this.http.send('GET', `/v1/runs/${id(runId)}/events`, {
        headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        retry: true,
        unbounded: true,
        ...(o.signal ? { signal: o.signal } : {}),
      });
      let ended = false;
      try {
        for await (const sse of parseEventStream(res.body as unknown as AsyncIterable<Uint8Array>)) {
          lastEventId = sse.id ?? lastEventId;
          const event = FuzzForgeEvent.parse(JSON.parse(sse.data));
          ended = terminalEventTypes.has(event.type);
          yield { id: sse.id, type: sse.event, event };
        }
      } catch (err) {
        // A dropped stream resumes after the last event; an abort or a bad event is the caller's to see.
        if (o.signal?.aborted || reconnects >= 5 || err instanceof SyntaxError) throw err;
        continue;
      }
      // The server ends the stream after the run's end event; an earlier end is a dropped connection.
      if (ended || (await this.runs.get(runId).then((r) => terminalStatuses.has(r.status)))) return;
    }
  }

  private async waitForRun(runId: string, o: WaitOptions): Promise<RunResponse> {
    const deadline = o.timeoutMs === undefined ? Infinity : Date.now() + o.timeoutMs;
    let last: string | undefined;
    for (;;) {
      const run = await this.runs.get(runId);
      const state = JSON.stringify([run.status, run.progress, run.fuzzing]);
      if (state !== last) o.onUpdate?.(run);
      last = state;
      if (terminalStatuses.has(run.status)) return run;
      if (Date.now() > deadline) throw new RunWaitTimeoutError(run, o.timeoutMs ?? 0);
      await sleep(o.intervalMs ?? 1000, undefined, o.signal ? { signal: o.signal } : {});
    }
  }
}

const terminalEventTypes = new Set(['ff.run.completed', 'ff.run.failed', 'ff.run.cancelled']);
