import { z } from 'zod';
import type { WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
import { fuzzCatalogEntry } from '@fuzzforge/worker-runtime/fuzz-catalog';
import { NativeSastParameters } from './nativeSastParameters';

/** The workflows this vertical's worker serves on task queue `ff-native`. */
export const nativeCatalog: WorkflowCatalogEntryInput[] = [
  {
    name: 'native-sast',
    vertical: 'native',
    workflowType: 'nativeSast',
    title: 'C/C++ static analysis',
    description:
      'Finds memory-safety and API-misuse flaws in C and C++ source (buffer overflows, out-of-bounds access, leaks, dangerous calls) with cppcheck and flawfinder.',
    version: '1.0.0',
    tools: ['cppcheck', 'flawfinder'],
    cacheMode: 'isolated',
    parameters: z.toJSONSchema(NativeSastParameters, { io: 'input' }),
    timeoutSeconds: 3900,
  },
  fuzzCatalogEntry({
    engine: 'libfuzzer',
    vertical: 'native',
    title: 'libFuzzer campaign (C/C++)',
    description:
      'Builds a C/C++ LLVMFuzzerTestOneInput harness with clang -fsanitize=fuzzer,address,undefined and fuzzes it with libFuzzer; crashes are triaged (type, stack, reproducibility), deduplicated per project and minimized on request.',
    tools: ['libfuzzer', 'clang'],
  }),
  fuzzCatalogEntry({
    engine: 'afl',
    vertical: 'native',
    title: 'AFL++ campaign (C/C++)',
    description:
      'Builds a C/C++ LLVMFuzzerTestOneInput harness with afl-clang-fast and AddressSanitizer and fuzzes it with AFL++; crashes are triaged and deduplicated per project.',
    tools: ['afl++'],
  }),
];
