import { z } from 'zod';
import type { WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
import { fuzzCatalogEntry } from '@fuzzforge/worker-runtime/fuzz-catalog';
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
  fuzzCatalogEntry({
    engine: 'go-fuzz',
    vertical: 'go',
    title: 'Go native fuzzing campaign',
    description:
      'Runs `go test -fuzz` on a FuzzXxx(f *testing.F) target; panics and failures are triaged from their stacks and deduplicated per project.',
    tools: ['go'],
  }),
];
