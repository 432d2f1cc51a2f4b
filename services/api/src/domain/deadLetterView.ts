import type { StoredMsg } from '@nats-io/jetstream';
import type { DeadLetter, PayloadText } from '@fuzzforge/contracts';

/** How much of a payload a dead-letter list entry shows. */
export const previewBytes = 4096;

// What startDurableConsumer writes next to the original headers (see platform deadLetter).
export const contextHeaders = {
  originalSubject: 'Ff-Original-Subject',
  originalStream: 'Ff-Original-Stream',
  originalSequence: 'Ff-Original-Sequence',
  consumer: 'Ff-Consumer',
  deliveryCount: 'Ff-Delivery-Count',
  error: 'Ff-Error',
  failedAt: 'Ff-Failed-At',
} as const;

const hidden = new Set([
  ...Object.values(contextHeaders).map((h) => h.toLowerCase()),
  // FF_DLQ's own dedup id (`<stream>:<seq>:<consumer>`): it replaced the original's on the way in.
  'nats-msg-id',
  // Added by direct gets: they describe the read, not the message.
  'nats-stream',
  'nats-subject',
  'nats-sequence',
  'nats-time-stamp',
  'nats-num-pending',
  'nats-last-sequence',
  'nats-upto-sequence',
]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** The payload as text, at most `maxBytes` of it: UTF-8 when it is valid UTF-8, base64 otherwise. */
export function payloadText(bytes: Uint8Array, maxBytes = Infinity): PayloadText {
  const truncated = bytes.length > maxBytes;
  if (!isUtf8(bytes)) {
    const head = truncated ? bytes.subarray(0, maxBytes) : bytes;
    return { encoding: 'base64', data: Buffer.from(head).toString('base64'), truncated };
  }
  let end = truncated ? maxBytes : bytes.length;
  // Never cut a character in two: step back over continuation bytes (10xxxxxx).
  while (end > 0 && end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return { encoding: 'utf-8', data: utf8.decode(bytes.subarray(0, end)), truncated };
}

/** The CloudEvents id in a payload, when the payload is an event envelope. */
export function eventIdOf(bytes: Uint8Array): string | null {
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    const id = (value as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id.length > 0 ? id : null;
  } catch {
    return null;
  }
}

const intOf = (v: string | undefined): number | null => (v && /^\d{1,15}$/.test(v) ? Number(v) : null);
const textOf = (v: string | undefined): string | null => (v ? v : null);

export type DeadLetterContext = Omit<DeadLetter, 'payload'>;

/** What FF_DLQ knows about an entry, without its payload. */
export function deadLetterContext(msg: StoredMsg): DeadLetterContext {
  const get = (name: string): string | undefined => msg.header.last(name) || undefined;
  const headers: Record<string, string[]> = {};
  for (const [name, values] of msg.header) if (!hidden.has(name.toLowerCase())) headers[name] = [...values];
  const storedAt = msg.time.toISOString();
  const failedAt = Date.parse(get(contextHeaders.failedAt) ?? '');
  return {
    id: msg.seq,
    subject: msg.subject,
    consumer: textOf(get(contextHeaders.consumer)),
    originalSubject: textOf(get(contextHeaders.originalSubject)),
    originalStream: textOf(get(contextHeaders.originalStream)),
    originalSequence: intOf(get(contextHeaders.originalSequence)),
    eventId: eventIdOf(msg.data),
    deliveryCount: intOf(get(contextHeaders.deliveryCount)),
    error: textOf(get(contextHeaders.error)),
    failedAt: Number.isNaN(failedAt) ? storedAt : new Date(failedAt).toISOString(),
    storedAt,
    headers,
    payloadSize: msg.data.length,
  };
}

/** One entry with its whole payload. */
export const deadLetterOf = (msg: StoredMsg): DeadLetter => ({
  ...deadLetterContext(msg),
  payload: payloadText(msg.data),
});
