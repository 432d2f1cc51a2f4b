import { z } from 'zod';

/** How a worker lays out a target on disk for a run (DESIGN §7). */
export const CacheMode = z.enum(['isolated', 'shared', 'copy-on-write']);
export type CacheMode = z.infer<typeof CacheMode>;

/** Limits every tool of a workflow runs under (see the worker runtime's sandbox). */
export const ToolResources = z.object({
  /** Address-space limit per tool process. */
  memoryMb: z.number().int().min(64).default(4096),
  /** `none` runs tools in a network namespace without interfaces, where the host allows it. */
  network: z.enum(['none', 'host']).default('none'),
});
export type ToolResources = z.infer<typeof ToolResources>;

/** A JSON Schema document (draft 2020-12) describing a workflow's parameters. */
export const JsonSchemaObject = z.record(z.string(), z.unknown());
export type JsonSchemaObject = z.infer<typeof JsonSchemaObject>;

/** One workflow a vertical offers; the API lists these and validates run parameters against them. */
export const WorkflowCatalogEntry = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  /** Routes the run to task queue `ff-<vertical>`. */
  vertical: z.string().regex(/^[a-z0-9-]+$/),
  /** Temporal workflow type registered by the vertical's worker. */
  workflowType: z.string().min(1),
  title: z.string(),
  description: z.string(),
  version: z.string(),
  tools: z.array(z.string()),
  cacheMode: CacheMode,
  parameters: JsonSchemaObject,
  /** Upper bound of one run, enforced by Temporal as the workflow execution timeout. */
  timeoutSeconds: z.number().int().positive(),
  resources: ToolResources.default({ memoryMb: 4096, network: 'none' }),
});
export type WorkflowCatalogEntry = z.infer<typeof WorkflowCatalogEntry>;
/** A catalog entry as a vertical declares it: fields with defaults may be left out. */
export type WorkflowCatalogEntryInput = z.input<typeof WorkflowCatalogEntry>;

export const taskQueueOf = (vertical: string): string => `ff-${vertical}`;
