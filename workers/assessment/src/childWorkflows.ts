import { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { goCatalog } from '@fuzzforge/worker-go/catalog';
import { javascriptCatalog } from '@fuzzforge/worker-javascript/catalog';
import { nativeCatalog } from '@fuzzforge/worker-native/catalog';
import { pythonCatalog } from '@fuzzforge/worker-python/catalog';
import { secretsCatalog } from '@fuzzforge/worker-secrets/catalog';
import { assessedVerticals, type AssessedVertical } from './languageDetection';

/** The workflow an assessment runs for each vertical it finds applicable. */
export const childWorkflowNames: Readonly<Record<AssessedVertical, string>> = {
  secrets: 'secret-scan',
  python: 'python-sast',
  javascript: 'javascript-sast',
  native: 'native-sast',
  go: 'go-sast',
};

// The verticals' own catalogs, not the aggregated one: that one lists the assessment too (a cycle).
const entries = [...secretsCatalog, ...pythonCatalog, ...javascriptCatalog, ...nativeCatalog, ...goCatalog];

/** Each assessed vertical's child workflow, as its catalog publishes it (defaults filled in). */
export const childCatalog: ReadonlyMap<AssessedVertical, WorkflowCatalogEntry> = new Map(
  assessedVerticals.map((vertical) => {
    const entry = entries.find((e) => e.name === childWorkflowNames[vertical] && e.vertical === vertical);
    if (!entry) throw new Error(`the ${vertical} catalog has no ${childWorkflowNames[vertical]} workflow`);
    return [vertical, WorkflowCatalogEntry.parse(entry)];
  }),
);
