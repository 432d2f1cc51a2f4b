import type { WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
import { fuzzCatalogEntry } from '@fuzzforge/worker-runtime/fuzz-catalog';

/** The workflows this vertical's worker serves on task queue `ff-rust`. */
export const rustCatalog: WorkflowCatalogEntryInput[] = [
  fuzzCatalogEntry({
    engine: 'cargo-fuzz',
    vertical: 'rust',
    title: 'cargo-fuzz campaign (Rust)',
    description:
      'Builds a cargo-fuzz target (fuzz/fuzz_targets/*.rs) with libFuzzer and AddressSanitizer on stable Rust and fuzzes it; panics and sanitizer reports are triaged from their stacks and deduplicated per project.',
    tools: ['cargo-fuzz', 'libfuzzer'],
  }),
];
