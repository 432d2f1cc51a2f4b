import type { OutgoingHttpHeaders } from 'node:http';
import type { AllowedNetworks } from './addressPolicy';
import { guardedLookup } from './guardedLookup';
import type { OutboundAgents } from './outboundAgents';
import { sendHop, type AttemptEnd, type HopContext, type HopOutcome } from './sendHop';
import { decideUrl } from './urlPolicy';
import type { WebhookRequest, WebhookResult } from './webhookResult';

/** Where deliveries may go and how long and how much they may take. */
export interface OutboundPolicy {
  /** Networks reachable although refused by default (see decideAddress). */
  allowedNetworks: AllowedNetworks;
  /** DNS, TCP and TLS of one hop. */
  connectTimeoutMs: number;
  /** The whole attempt, every hop and reading the response included. */
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirects: number;
  /**
   * Connection pools from createOutboundAgents, for this policy's deliveries only: a pooled connection
   * was checked against the policy that opened it. Without them every hop opens a fresh connection.
   */
  agents?: OutboundAgents;
}

// Framing belongs to each hop (Host names the hop's server), not to the caller's signed headers.
const hopSpecific = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

function hopHeaders(request: WebhookRequest, body: Buffer): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!hopSpecific.has(name.toLowerCase())) headers[name] = value;
  }
  headers['content-length'] = body.length;
  return headers;
}

/**
 * POSTs a webhook, following redirects with the same method, headers and body, and refusing every
 * URL or resolved address the policy does not allow before connecting to it. Network outcomes come
 * back as a result, never as an exception; throws only for invalid header values (a bug).
 */
export async function postWebhook(
  request: WebhookRequest,
  policy: OutboundPolicy,
  signal?: AbortSignal,
): Promise<WebhookResult> {
  const started = performance.now();
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { kind: 'refused', url: request.url, reason: 'not a valid URL' };
  }
  const body = Buffer.from(request.body, 'utf8');
  const headers = hopHeaders(request, body);

  const attempt = new AbortController();
  const end = (reason: AttemptEnd) => attempt.abort(reason);
  const deadline = setTimeout(
    () => end({ code: 'timeout', message: `no complete response within ${policy.timeoutMs} ms` }),
    policy.timeoutMs,
  );
  const onAbort = () => end({ code: 'aborted', message: 'delivery aborted' });
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const ctx: HopContext = {
    lookup: guardedLookup(policy.allowedNetworks),
    agents: policy.agents,
    connectTimeoutMs: policy.connectTimeoutMs,
    maxResponseBytes: policy.maxResponseBytes,
    signal: attempt.signal,
  };

  try {
    for (let redirects = 0; ; redirects++) {
      const decision = decideUrl(url, policy.allowedNetworks);
      if (!decision.allowed) {
        const { reason, address } = decision;
        return { kind: 'refused', url: url.href, reason, ...(address !== undefined ? { address } : {}) };
      }
      let outcome: HopOutcome = await sendHop(url, headers, body, ctx);
      // The receiver closed an idle pooled connection as we reused it: the POST never arrived, so
      // sending it once more on a fresh connection cannot deliver it twice.
      if (outcome.kind === 'stale-connection') outcome = await sendHop(url, headers, body, ctx);
      switch (outcome.kind) {
        case 'stale-connection':
          return { kind: 'failed', code: 'connection', message: outcome.message, url: url.href };
        case 'answered':
          return {
            kind: 'response',
            status: outcome.status,
            finalUrl: url.href,
            redirects,
            body: outcome.body,
            truncated: outcome.truncated,
            durationMs: Math.round(performance.now() - started),
          };
        case 'redirect': {
          if (redirects >= policy.maxRedirects) {
            const message = `more than ${policy.maxRedirects} redirects`;
            return { kind: 'failed', code: 'too-many-redirects', message, url: url.href };
          }
          const next = URL.canParse(outcome.location, url.href) ? new URL(outcome.location, url) : undefined;
          if (!next) {
            const message = `redirect to an invalid location: ${outcome.location.slice(0, 200)}`;
            return { kind: 'failed', code: 'invalid-redirect', message, url: url.href };
          }
          url = next;
          break;
        }
        default:
          return outcome;
      }
    }
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener('abort', onAbort);
  }
}
