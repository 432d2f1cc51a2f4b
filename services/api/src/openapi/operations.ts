import type { ApiOperation } from './apiOperation';
import { adminOperations } from './operations/adminOperations';
import { apiKeyOperations } from './operations/apiKeyOperations';
import { crashOperations } from './operations/crashOperations';
import { findingOperations } from './operations/findingOperations';
import { platformOperations } from './operations/platformOperations';
import { runOperations } from './operations/runOperations';
import { targetOperations } from './operations/targetOperations';
import { webhookOperations } from './operations/webhookOperations';
import { workflowOperations } from './operations/workflowOperations';

/**
 * Every operation the API serves, in the document's order. A unit test walks the Hono app's routes
 * and fails when one is missing here (or listed here but not served).
 */
export const apiOperations: readonly ApiOperation[] = [
  ...platformOperations,
  ...targetOperations,
  ...workflowOperations,
  ...runOperations,
  ...findingOperations,
  ...crashOperations,
  ...adminOperations,
  ...apiKeyOperations,
  ...webhookOperations,
];

export const apiTags = [
  { name: 'Platform', description: 'Probes and this documentation; no API key needed.' },
  { name: 'Targets', description: 'The code to analyse: archives or single files, stored by sha256.' },
  { name: 'Workflows', description: 'What a run can do.' },
  { name: 'Runs', description: 'A workflow run on a target: status, events, findings, crashes.' },
  { name: 'Findings', description: 'Findings across runs.' },
  { name: 'Crashes', description: 'Crashes and corpora of fuzzing campaigns.' },
  { name: 'Admin', description: 'Dead letters, audit trails and consumer health (`admin` scope).' },
  { name: 'API keys', description: 'Creating and revoking API keys (`admin` scope).' },
  {
    name: 'Webhooks',
    description: 'Events delivered to HTTP endpoints, signed, retried, logged (`admin` scope).',
  },
] as const;
