import { z } from 'zod';

/**
 * Parameters of the `security-assessment` workflow: none yet. Each child runs with its own workflow's
 * defaults, so an assessment finds what the single-vertical workflows find with `{}`.
 */
export const SecurityAssessmentParameters = z.object({}).strict();
export type SecurityAssessmentParameters = z.infer<typeof SecurityAssessmentParameters>;
