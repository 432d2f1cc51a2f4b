/** NATS client errors raised while the server is unreachable or restarting, and SDK timeouts. */
const outageNames = new Set([
  'TimeoutError',
  'NoRespondersError',
  'ConnectionError',
  'ClosedConnectionError',
]);

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * True when an error says a dependency is unreachable or restarting rather than that the message is
 * bad: Node network errors; Postgres connection and shutdown errors (class 08, 57P0x), deadlocks and
 * serialisation failures (40P01, 40001: retrying wins); gRPC UNAVAILABLE / DEADLINE_EXCEEDED from
 * Temporal; NATS connection errors and timeouts.
 */
export function isTransientError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, name } = e as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && (networkCodes.has(code) || /^08|^57P0|^40P01$|^40001$/.test(code))) {
      return true;
    }
    if (code === 14 || code === 4) return true;
    if (typeof name === 'string' && outageNames.has(name)) return true;
    if (
      typeof message === 'string' &&
      /connection terminated|timeout exceeded when trying to connect/i.test(message)
    ) {
      return true;
    }
  }
  return false;
}
