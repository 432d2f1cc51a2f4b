import { z } from 'zod';
import { ProjectName } from '../fuzzing';

// DTOs of API keys (/v1/admin/keys) and of the per-request audit trail (/v1/admin/requests).

/**
 * What a key may do: `read` every GET, `submit` targets, runs, retries, cancels and triage, `admin` the
 * /v1/admin routes — and, being the operator's scope, everything the others allow.
 */
export const Scope = z.enum(['read', 'submit', 'admin']);
export type Scope = z.infer<typeof Scope>;

/** A key's own token bucket; without one the API's defaults (FF_RATE_LIMIT_*) apply. */
export const RateLimit = z.object({
  /** Tokens added per second: the sustained request rate. */
  perSecond: z.number().positive().max(100_000),
  /** Bucket size: how many requests may arrive at once after a quiet spell. */
  burst: z.number().int().min(1).max(1_000_000),
});
export type RateLimit = z.infer<typeof RateLimit>;

export const CreateApiKeyRequest = z
  .object({
    /** What the key is for ("ci-pipeline", "alice"); shown in listings and the audit trail. */
    name: z.string().trim().min(1).max(100),
    scopes: z.array(Scope).min(1).max(3),
    /** Only these projects' targets, runs and findings; absent or null means every project. */
    projects: z.array(ProjectName).min(1).max(100).nullable().optional(),
    rateLimit: RateLimit.optional(),
    /** After this instant the key is refused, as if revoked. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((k) => !(k.scopes.includes('admin') && k.projects), {
    path: ['projects'],
    message: 'an admin key acts on the whole platform and cannot be limited to projects',
  });
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, enough to recognise it; the rest is never stored. */
  prefix: z.string(),
  scopes: z.array(Scope),
  projects: z.array(ProjectName).nullable(),
  rateLimit: RateLimit.nullable(),
  createdAt: z.string(),
  /** The key that created this one; null for the bootstrap key. */
  createdBy: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** The answer to creating a key: the only time the secret itself is shown. */
export const CreatedApiKey = ApiKeyView.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const ApiKeyList = z.object({ keys: z.array(ApiKeyView) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

/** How a request ended, as the audit trail records it. */
export const RequestOutcome = z.enum([
  'ok',
  'unauthenticated',
  'forbidden',
  'rate-limited',
  'rejected',
  'error',
]);
export type RequestOutcome = z.infer<typeof RequestOutcome>;

export const RequestAuditRecord = z.object({
  id: z.number().int(),
  at: z.string(),
  /** The key that made the request; null when none (or an unknown one) was sent. */
  keyId: z.string().nullable(),
  method: z.string(),
  /** The route pattern that answered (`/v1/runs/:id`), or the path when none matched. */
  route: z.string(),
  status: z.number().int(),
  outcome: RequestOutcome,
  durationMs: z.number(),
});
export type RequestAuditRecord = z.infer<typeof RequestAuditRecord>;

export const RequestAuditQuery = z.object({
  keyId: z.string().max(64).optional(),
  outcome: RequestOutcome.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Only records with a smaller id: the `next` of the previous page (newest first). */
  before: z.coerce.number().int().min(0).optional(),
});
export type RequestAuditQuery = z.infer<typeof RequestAuditQuery>;

export const RequestAuditPage = z.object({
  records: z.array(RequestAuditRecord),
  next: z.number().int().nullable(),
});
export type RequestAuditPage = z.infer<typeof RequestAuditPage>;
