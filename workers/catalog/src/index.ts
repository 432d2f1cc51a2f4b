import { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { secretsCatalog } from '@fuzzforge/worker-secrets/catalog';

/** Every workflow FuzzForge offers. Add a vertical's entries here to publish them. */
export const workflowCatalog: readonly WorkflowCatalogEntry[] = [...secretsCatalog].map((entry) =>
  WorkflowCatalogEntry.parse(entry),
);

export const findWorkflow = (name: string): WorkflowCatalogEntry | undefined =>
  workflowCatalog.find((w) => w.name === name);
