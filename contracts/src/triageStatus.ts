import { z } from 'zod';

/** Where a project finding stands after triage; every finding starts `open`. */
export const TriageStatus = z.enum(['open', 'false_positive', 'accepted_risk', 'fixed']);
export type TriageStatus = z.infer<typeof TriageStatus>;

/** Statuses that silence a finding: it stays listed, but no longer counts towards gating. */
export const suppressedStatuses: readonly TriageStatus[] = ['false_positive', 'accepted_risk'];

export const isSuppressed = (status: TriageStatus): boolean => suppressedStatuses.includes(status);
