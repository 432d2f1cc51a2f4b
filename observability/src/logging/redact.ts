/**
 * Keeps secrets out of log lines. Applied by the logger to every message, field and child binding, so
 * a call site cannot forget it: a field whose name says "secret" is replaced whole, and any string is
 * scrubbed of values that look like our secrets wherever they appear (messages, error stacks, URLs).
 */

export const REDACTED = '[redacted]';

/** Field names (compared lower-case, without `_`/`-`) whose value is a secret, whatever it looks like. */
const secretNames = new Set([
  'key',
  'apikey',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'token',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'credentials',
  'accesskeyid',
  'secretaccesskey',
  'sessiontoken',
  'ffbootstrapadminkey',
  'signature',
  'webhooksignature',
]);

/** Name endings that mark a secret (`S3_SECRET_ACCESS_KEY`, `adminKey`, `hmacSecret`, `x-api-key`). */
const secretNameEndings =
  /(secret|password|passwd|token|apikey|adminkey|accesskey|accesskeyid|privatekey|signingkey)$/;

const normalise = (name: string): string => name.toLowerCase().replace(/[_\-\s.]/g, '');

/** Whether a field of this name holds a secret. */
export function isSecretFieldName(name: string): boolean {
  const n = normalise(name);
  return secretNames.has(n) || secretNameEndings.test(n);
}

const valuePatterns: [RegExp, string][] = [
  // FuzzForge API keys and Standard Webhooks secrets, wherever they appear.
  [/\bffk_[A-Za-z0-9_-]+/g, REDACTED],
  [/\bwhsec_[A-Za-z0-9+/=_-]+/g, REDACTED],
  // URL userinfo: keep the user, drop the password (postgres://u:p@h, nats://user:pass@host).
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):([^\s/@]+)@/gi, `$1$2:${REDACTED}@`],
  // A bare userinfo in a NATS URL is a token (nats://s3cret@host).
  [/\b((?:nats|tls|ws|wss):\/\/)([^\s:/@]+)@/gi, `$1${REDACTED}@`],
  // AWS access key ids.
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED],
  // HTTP auth schemes quoted in messages or header dumps.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  // key=value / key: value pairs with a secret-like key (libpq strings, query strings, env dumps).
  [
    /\b([A-Za-z0-9_-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key(?:[_-]?id)?))(["']?\s*[=:]\s*["']?)([^\s&,;"'}]+)/gi,
    `$1$2${REDACTED}`,
  ],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
];

/** Replaces secret-looking parts of a string. */
export function redactString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of valuePatterns) out = out.replace(pattern, replacement);
  return out;
}

const maxDepth = 12;

function redactError(err: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: err.name,
    message: redactString(err.message),
    stack: err.stack === undefined ? undefined : redactString(err.stack),
  };
  // Own fields such as `code`, `status` or a driver's `detail` are logged, by the same rules.
  for (const [key, value] of Object.entries(err)) {
    out[key] = isSecretFieldName(key) ? REDACTED : redactValue(value, seen, depth + 1);
  }
  if (err.cause !== undefined) out['cause'] = redactValue(err.cause, seen, depth + 1);
  if (err instanceof AggregateError) out['errors'] = redactValue(err.errors, seen, depth + 1);
  return out;
}

/**
 * A copy of `value` fit for a log line: secret fields replaced, strings scrubbed, errors turned into
 * `{ name, message, stack, cause, ...own fields }`, cycles and very deep nesting cut.
 */
export function redactValue(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, seen, depth);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (value instanceof URL) return redactString(value.href);
    if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    if (Array.isArray(value)) return value.map((item) => redactValue(item, seen, depth + 1));
    if (value instanceof Map) {
      const entries = [...(value as Map<unknown, unknown>)].map(([k, v]) => [String(k), v] as const);
      return redactFields(Object.fromEntries(entries), seen, depth + 1);
    }
    if (value instanceof Set) return [...value].map((item) => redactValue(item, seen, depth + 1));
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return redactValue(json.call(value), seen, depth + 1);
    return redactFields(value as Record<string, unknown>, seen, depth + 1);
  } finally {
    seen.delete(value);
  }
}

/** `redactValue` for a record of log fields. */
export function redactFields(
  fields: Record<string, unknown>,
  seen = new WeakSet<object>(),
  depth = 0,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      isSecretFieldName(key) && value !== undefined && value !== null
        ? REDACTED
        : redactValue(value, seen, depth);
  }
  return out;
}
