import { z } from 'zod';
import { AggregateId, eventSchema } from '../envelope';
import { ProjectName } from '../fuzzing';
import { TriageStatus } from '../triageStatus';

export const findingTriagedType = 'ff.finding.triaged';
export const findingTriagedVersion = 'v1';
/** The project finding's id is the aggregate: every triage of one finding shares its subject. */
export const findingTriagedSubject = (findingId: string): string => `ff.findings.triaged.${findingId}`;

export const FindingTriagedData = z.object({
  /** The project finding (deduplicated per project by fingerprint). */
  findingId: AggregateId,
  /** Project and fingerprint travel along: the id is a hash, and a rebuild must place the triage. */
  project: ProjectName,
  fingerprint: z.string().min(8).max(128),
  status: TriageStatus,
  comment: z.string().max(2000).optional(),
  /** Who triaged it (an API key id), when the API knew. */
  triagedBy: z.string().min(1).max(200).optional(),
  triagedAt: z.iso.datetime({ offset: true }),
});
export type FindingTriagedData = z.infer<typeof FindingTriagedData>;

export const FindingTriagedV1 = eventSchema(findingTriagedType, findingTriagedVersion, FindingTriagedData);
export type FindingTriagedV1 = z.infer<typeof FindingTriagedV1>;
