import { z } from 'zod';
import type { WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
import { SecretScanParameters } from './secretScanParameters';

/** The workflows this vertical's worker serves on task queue `ff-secrets`. */
export const secretsCatalog: WorkflowCatalogEntryInput[] = [
  {
    name: 'secret-scan',
    vertical: 'secrets',
    workflowType: 'secretScan',
    title: 'Secret scan',
    description:
      'Finds hard-coded credentials (cloud keys, tokens, private keys) with gitleaks and detect-secrets, merged per secret.',
    version: '1.0.0',
    tools: ['gitleaks', 'detect-secrets'],
    cacheMode: 'isolated',
    parameters: z.toJSONSchema(SecretScanParameters, { io: 'input' }),
    timeoutSeconds: 3900,
  },
];
