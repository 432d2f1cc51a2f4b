import { z } from 'zod';

// DTOs of the admin API (/v1/admin): dead letters in FF_DLQ, their audit trail, consumer health.

/** A durable consumer's name, as it appears in `ff.dlq.<consumer>`: one NATS subject token. */
export const ConsumerName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 of [A-Za-z0-9_-]');

const subjectFilterPattern = /^([^\s.*>]+|\*)(\.([^\s.*>]+|\*))*(\.>)?$|^>$/;

/** A NATS subject or wildcard filter (`ff.run.*.started`, `ff.runs.>`). */
export const SubjectFilter = z
  .string()
  .max(512)
  .regex(subjectFilterPattern, 'must be a NATS subject; * matches one token, > the rest');

const Cursor = z.coerce.number().int().min(0);
const Limit = z.coerce.number().int().min(1).max(500).default(50);

export const DeadLetterQuery = z
  .object({
    consumer: ConsumerName.optional(),
    /** The original subject, exactly or as a wildcard filter. */
    subject: SubjectFilter.optional(),
    /** Entries that failed at or after this time. */
    since: z.iso.datetime({ offset: true }).optional(),
    /** Entries that failed at or before this time. */
    until: z.iso.datetime({ offset: true }).optional(),
    limit: Limit,
    /** Only entries with a larger id: the `next` of the previous page. */
    after: Cursor.optional(),
  })
  .refine((q) => !q.since || !q.until || Date.parse(q.since) <= Date.parse(q.until), {
    path: ['until'],
    message: 'must not be before since',
  });
export type DeadLetterQuery = z.infer<typeof DeadLetterQuery>;

/** A payload as text: itself when it is valid UTF-8, base64 otherwise. */
export const PayloadText = z.object({
  encoding: z.enum(['utf-8', 'base64']),
  data: z.string(),
  /** True when `data` holds only the first bytes of the payload. */
  truncated: z.boolean(),
});
export type PayloadText = z.infer<typeof PayloadText>;

const DeadLetterBase = z.object({
  /** The entry's sequence in FF_DLQ. */
  id: z.number().int().positive(),
  /** `ff.dlq.<consumer>`. */
  subject: z.string(),
  consumer: z.string().nullable(),
  originalSubject: z.string().nullable(),
  originalStream: z.string().nullable(),
  originalSequence: z.number().int().nullable(),
  /** The CloudEvents id in the payload, when the payload is an event envelope. */
  eventId: z.string().nullable(),
  deliveryCount: z.number().int().nullable(),
  error: z.string().nullable(),
  /** When the consumer gave up (Ff-Failed-At), else when FF_DLQ stored the entry. */
  failedAt: z.string(),
  storedAt: z.string(),
  /** The original message's headers (Ff-* context and FF_DLQ's own Nats-Msg-Id left out). */
  headers: z.record(z.string(), z.array(z.string())),
  payloadSize: z.number().int().min(0),
});

/** An entry of the dead-letter list: the first 4 KiB of the payload. */
export const DeadLetterSummary = DeadLetterBase.extend({ preview: PayloadText });
export type DeadLetterSummary = z.infer<typeof DeadLetterSummary>;

/** One dead letter with its whole payload. */
export const DeadLetter = DeadLetterBase.extend({ payload: PayloadText });
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterPage = z.object({
  entries: z.array(DeadLetterSummary),
  /** Pass as `after` for the next page; null when the stream holds nothing further. */
  next: z.number().int().nullable(),
  /** Entries stored in FF_DLQ (for `consumer` when given), before the other filters. */
  total: z.number().int(),
});
export type DeadLetterPage = z.infer<typeof DeadLetterPage>;

export const PublishAck = z.object({ stream: z.string(), seq: z.number().int(), duplicate: z.boolean() });
export type PublishAck = z.infer<typeof PublishAck>;

export const ReplayResponse = z.object({
  id: z.number().int(),
  /** JetStream's answer; `duplicate: true` means it dropped the replay inside its duplicate window. */
  ack: PublishAck,
  /** The Nats-Msg-Id the replay carried: the original event's, so the consumers' dedup applies. */
  msgId: z.string().nullable(),
  auditId: z.number().int(),
});
export type ReplayResponse = z.infer<typeof ReplayResponse>;

export const DeleteDeadLetterResponse = z.object({
  id: z.number().int(),
  deleted: z.literal(true),
  auditId: z.number().int(),
});
export type DeleteDeadLetterResponse = z.infer<typeof DeleteDeadLetterResponse>;

export const AdminAction = z.enum(['dlq.replay', 'dlq.delete']);
export type AdminAction = z.infer<typeof AdminAction>;

export const AdminAuditRecord = z.object({
  id: z.number().int(),
  action: AdminAction,
  dlqSequence: z.number().int(),
  originalSubject: z.string().nullable(),
  consumer: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
  actor: z.string().nullable(),
});
export type AdminAuditRecord = z.infer<typeof AdminAuditRecord>;

export const AdminAuditQuery = z.object({
  action: AdminAction.optional(),
  dlqSequence: Cursor.optional(),
  limit: Limit,
  /** Only records with a smaller id: the `next` of the previous page (newest first). */
  before: Cursor.optional(),
});
export type AdminAuditQuery = z.infer<typeof AdminAuditQuery>;

export const AdminAuditPage = z.object({
  records: z.array(AdminAuditRecord),
  next: z.number().int().nullable(),
});
export type AdminAuditPage = z.infer<typeof AdminAuditPage>;

export const ConsumerPosition = z.object({
  consumerSeq: z.number().int(),
  streamSeq: z.number().int(),
  lastActive: z.string().nullable(),
});
export type ConsumerPosition = z.infer<typeof ConsumerPosition>;

export const ConsumerStatus = z.object({
  stream: z.string(),
  name: z.string(),
  /** Messages not delivered yet: the consumer's lag. */
  numPending: z.number().int(),
  numAckPending: z.number().int(),
  numRedelivered: z.number().int(),
  numWaiting: z.number().int(),
  delivered: ConsumerPosition,
  ackFloor: ConsumerPosition,
  lastActive: z.string().nullable(),
  /** Entries this consumer parked in FF_DLQ. */
  deadLetters: z.number().int(),
});
export type ConsumerStatus = z.infer<typeof ConsumerStatus>;

export const ConsumersResponse = z.object({
  consumers: z.array(ConsumerStatus),
  dlq: z.object({
    stream: z.string(),
    messages: z.number().int(),
    bytes: z.number().int(),
    byConsumer: z.record(z.string(), z.number().int()),
  }),
});
export type ConsumersResponse = z.infer<typeof ConsumersResponse>;
