import { z } from 'zod';
import type { WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
import { GoSastParameters } from './goSastParameters';

/** The workflows this vertical's worker serves on task queue `ff-go`. */
export const goCatalog: WorkflowCatalogEntryInput[] = [
  {
    name: 'go-sast',
    vertical: 'go',
    workflowType: 'goSast',
    title: 'Go static analysis',
    description:
      'Finds security flaws in Go source (SQL and command injection, weak crypto, unsafe file permissions, ...) with gosec, offline.',
    version: '1.0.0',
    tools: ['gosec'],
    cacheMode: 'isolated',
    parameters: z.toJSONSchema(GoSastParameters, { io: 'input' }),
    timeoutSeconds: 3900,
  },
];
