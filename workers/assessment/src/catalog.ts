import { z } from 'zod';
import type { WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
import { childCatalog } from './childWorkflows';
import { SecurityAssessmentParameters } from './securityAssessmentParameters';

const children = [...childCatalog.values()];

/** The workflows this vertical's worker serves on task queue `ff-assessment`. */
export const assessmentCatalog: WorkflowCatalogEntryInput[] = [
  {
    name: 'security-assessment',
    vertical: 'assessment',
    workflowType: 'securityAssessment',
    title: 'Security assessment',
    description:
      'Detects the languages of the target and runs every static-analysis workflow that applies (secret-scan always; python-, javascript-, native- and go-sast by source files) in parallel, as one run with one merged SARIF report.',
    version: '1.0.0',
    tools: [...new Set(children.flatMap((c) => c.tools))],
    // Detection only lists files: one extracted tree per target serves every assessment of it.
    cacheMode: 'shared',
    parameters: z.toJSONSchema(SecurityAssessmentParameters, { io: 'input' }),
    // The children run in parallel, each bounded by its own timeout; detection and merge come on top.
    timeoutSeconds: Math.max(...children.map((c) => c.timeoutSeconds)) + 600,
  },
];
