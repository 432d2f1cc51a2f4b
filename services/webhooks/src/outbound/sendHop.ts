import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AddressRefusedError, DnsLookupError } from './guardedLookup';
import type { OutboundAgents } from './outboundAgents';
import type { WebhookFailureCode, WebhookResult } from './webhookResult';

/** Why the whole attempt ended early: the reason its AbortSignal carries. */
export interface AttemptEnd {
  code: 'timeout' | 'aborted';
  message: string;
}

export interface HopContext {
  lookup: LookupFunction;
  agents?: OutboundAgents;
  connectTimeoutMs: number;
  maxResponseBytes: number;
  /** Aborted, with an AttemptEnd, when the attempt's deadline passes or the caller aborts. */
  signal: AbortSignal;
}

export type HopOutcome =
  | { kind: 'answered'; status: number; body: string; truncated: boolean }
  | { kind: 'redirect'; location: string }
  /** A pooled connection the receiver had closed meanwhile; the POST never reached it. */
  | { kind: 'stale-connection'; message: string }
  | Extract<WebhookResult, { kind: 'refused' | 'failed' }>;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const resetCodes = new Set(['ECONNRESET', 'EPIPE']);

const isAttemptEnd = (reason: unknown): reason is AttemptEnd =>
  typeof reason === 'object' && reason !== null && 'code' in reason && 'message' in reason;

/** Sends the POST to one URL and reads the answer; follows nothing. Never rejects for network faults. */
export function sendHop(
  url: URL,
  headers: http.OutgoingHttpHeaders,
  body: Buffer,
  ctx: HopContext,
): Promise<HopOutcome> {
  return new Promise((resolve) => {
    const secure = url.protocol === 'https:';
    const failed = (code: WebhookFailureCode, message: string): HopOutcome => ({
      kind: 'failed',
      code,
      message,
      url: url.href,
    });
    const ended = (): HopOutcome => {
      const reason: unknown = ctx.signal.reason;
      return isAttemptEnd(reason)
        ? failed(reason.code, reason.message)
        : failed('aborted', 'delivery aborted');
    };
    if (ctx.signal.aborted) return resolve(ended());

    let settled = false;
    let answered = false;
    const settle = (outcome: HopOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      ctx.signal.removeEventListener('abort', onAbort);
      resolve(outcome);
      // Whatever is still open belongs to an outcome already decided: close it, never pool it.
      if (outcome.kind !== 'answered' || outcome.truncated) request.destroy();
    };
    const onAbort = (): void => settle(ended());

    const request = (secure ? https : http).request(url, {
      method: 'POST',
      headers,
      lookup: ctx.lookup,
      agent: ctx.agents ? (secure ? ctx.agents.https : ctx.agents.http) : false,
    });
    // Covers DNS, TCP and TLS: the lookup runs inside the socket's connect.
    const connectTimer = setTimeout(
      () => settle(failed('connect-timeout', `no connection within ${ctx.connectTimeoutMs} ms`)),
      ctx.connectTimeoutMs,
    );
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    request.on('socket', (socket) => {
      if (request.reusedSocket) return clearTimeout(connectTimer);
      socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof AddressRefusedError) {
        settle({ kind: 'refused', url: url.href, address: error.address, reason: error.reason });
      } else if (error instanceof DnsLookupError) {
        settle(failed('dns', error.message));
      } else if (request.reusedSocket && !answered && resetCodes.has(error.code ?? '')) {
        settle({ kind: 'stale-connection', message: error.message });
      } else {
        settle(failed('connection', error.message));
      }
    });
    request.on('response', (response) => {
      answered = true;
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (redirectStatuses.has(status) && location !== undefined) {
        // Its body is of no use; draining it to keep the connection would let a receiver stall us.
        return settle({ kind: 'redirect', location });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        const room = ctx.maxResponseBytes - size;
        if (chunk.length > room) {
          // Stop reading here: the rest may be endless, and it is never buffered.
          chunks.push(chunk.subarray(0, room));
          const text = Buffer.concat(chunks).toString('utf8');
          return settle({ kind: 'answered', status, body: text, truncated: true });
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () =>
        settle({ kind: 'answered', status, body: Buffer.concat(chunks).toString('utf8'), truncated: false }),
      );
      response.on('close', () => {
        if (!response.complete)
          settle(failed('connection', 'the receiver closed the connection mid-response'));
      });
    });
    request.end(body);
  });
}
