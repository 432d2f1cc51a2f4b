import { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { assessmentCatalog } from '@fuzzforge/worker-assessment/catalog';
import { goCatalog } from '@fuzzforge/worker-go/catalog';
import { javascriptCatalog } from '@fuzzforge/worker-javascript/catalog';
import { nativeCatalog } from '@fuzzforge/worker-native/catalog';
import { pythonCatalog } from '@fuzzforge/worker-python/catalog';
import { rustCatalog } from '@fuzzforge/worker-rust/catalog';
import { secretsCatalog } from '@fuzzforge/worker-secrets/catalog';

/** Every workflow FuzzForge offers. Add a vertical's entries here to publish them. */
export const workflowCatalog: readonly WorkflowCatalogEntry[] = [
  ...secretsCatalog,
  ...pythonCatalog,
  ...javascriptCatalog,
  ...nativeCatalog,
  ...goCatalog,
  ...rustCatalog,
  ...assessmentCatalog,
].map((entry) => WorkflowCatalogEntry.parse(entry));

export const findWorkflow = (name: string): WorkflowCatalogEntry | undefined =>
  workflowCatalog.find((w) => w.name === name);
