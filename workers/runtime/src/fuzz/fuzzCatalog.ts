import { z } from 'zod';
import type { FuzzEngine, WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
import { FuzzParameters } from './fuzzParameters';

/** The longest campaign (a day) plus building, triage and storing the corpus. */
const FUZZ_TIMEOUT_SECONDS = 86_400 + 3_600;

/**
 * The catalog entry of one fuzzing engine. Every engine runs the same workflow type (`fuzzCampaign`);
 * the worker picks the engine by the workflow's name. Imports only zod and contracts: the API loads it.
 */
export function fuzzCatalogEntry(o: {
  engine: FuzzEngine;
  vertical: string;
  title: string;
  description: string;
  tools: string[];
}): WorkflowCatalogEntryInput {
  return {
    name: o.engine,
    vertical: o.vertical,
    workflowType: 'fuzzCampaign',
    title: o.title,
    description: o.description,
    version: '1.0.0',
    tools: o.tools,
    // The build writes into the target (objects, Go's testdata): each run gets its own copy.
    cacheMode: 'isolated',
    parameters: z.toJSONSchema(FuzzParameters, { io: 'input' }),
    timeoutSeconds: FUZZ_TIMEOUT_SECONDS,
    resources: { memoryMb: 4096, network: 'none' },
  };
}
