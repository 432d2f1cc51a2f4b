import { z } from 'zod';
import type { WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
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
];
