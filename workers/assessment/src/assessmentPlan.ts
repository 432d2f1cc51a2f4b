import {
  taskQueueOf,
  type CacheMode,
  type JsonSchemaObject,
  type ToolResources,
  type WorkflowCatalogEntry,
} from '@fuzzforge/contracts';
import type { AssessedVertical } from './languageDetection';

/**
 * One child workflow of an assessment, with all the workflow needs to start it: the workflow code may
 * not import the catalog (it is bundled for Temporal's deterministic sandbox), so this travels as data.
 */
export interface ChildRun {
  /** Also the child's RunPart scope: its progress ids and `results/<runId>/<vertical>.sarif`. */
  vertical: AssessedVertical;
  workflow: string;
  workflowType: string;
  taskQueue: string;
  cacheMode: CacheMode;
  parameters: Record<string, unknown>;
  resources: ToolResources;
  timeoutSeconds: number;
}

/** The parameters a run request with `{}` gets: each top-level property's JSON Schema default. */
export function defaultParametersOf(schema: JsonSchemaObject): Record<string, unknown> {
  const properties = schema['properties'];
  if (typeof properties !== 'object' || properties === null) return {};
  const defaults: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
    if (typeof property === 'object' && property !== null && 'default' in property)
      defaults[name] = structuredClone(property.default);
  }
  return defaults;
}

/** The child runs of an assessment of these verticals, each with its workflow's catalog defaults. */
export function childRunsFor(
  verticals: readonly AssessedVertical[],
  catalog: ReadonlyMap<AssessedVertical, WorkflowCatalogEntry>,
): ChildRun[] {
  return verticals.map((vertical) => {
    const entry = catalog.get(vertical);
    if (!entry) throw new Error(`no workflow in the catalog for vertical ${vertical}`);
    return {
      vertical,
      workflow: entry.name,
      workflowType: entry.workflowType,
      taskQueue: taskQueueOf(entry.vertical),
      cacheMode: entry.cacheMode,
      parameters: defaultParametersOf(entry.parameters),
      resources: entry.resources,
      timeoutSeconds: entry.timeoutSeconds,
    };
  });
}
