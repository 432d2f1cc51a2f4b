import { z } from 'zod';
import { Finding } from '@fuzzforge/contracts';

/** At most this many findings travel in a heartbeat; a campaign with more resumes without the rest. */
export const MAX_CHECKPOINT_FINDINGS = 20;

/**
 * What a campaign records in each heartbeat, so an attempt that replaces a dead worker's goes on
 * with the budget left, the counters so far and the crashes already reported, instead of starting over.
 */
export const CampaignCheckpoint = z.object({
  elapsedSeconds: z.number().nonnegative(),
  executions: z.number().int().nonnegative(),
  crashes: z.number().int().nonnegative(),
  findings: z.array(Finding).max(MAX_CHECKPOINT_FINDINGS),
  /** Signatures of every crash reported (also those whose findings did not fit). */
  signatures: z.array(z.string()),
});
export type CampaignCheckpoint = z.infer<typeof CampaignCheckpoint>;

/** The checkpoint of the previous attempt, or none when there is none or it is unreadable. */
export function checkpointFrom(details: unknown): CampaignCheckpoint | undefined {
  const parsed = CampaignCheckpoint.safeParse(details);
  return parsed.success ? parsed.data : undefined;
}
