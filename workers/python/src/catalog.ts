import { z } from 'zod';
import type { WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
import { fuzzCatalogEntry } from '@fuzzforge/worker-runtime/fuzz-catalog';
import { PythonSastParameters } from './pythonSastParameters';

/** The workflows this vertical's worker serves on task queue `ff-python`. */
export const pythonCatalog: WorkflowCatalogEntryInput[] = [
  {
    name: 'python-sast',
    vertical: 'python',
    workflowType: 'pythonSast',
    title: 'Python static analysis',
    description:
      'Finds injection, unsafe deserialisation, eval of input and hard-coded passwords in Python code with bandit and semgrep (offline, with rules shipped by FuzzForge).',
    version: '1.0.0',
    tools: ['bandit', 'semgrep'],
    cacheMode: 'isolated',
    parameters: z.toJSONSchema(PythonSastParameters, { io: 'input' }),
    timeoutSeconds: 3900,
  },
  fuzzCatalogEntry({
    engine: 'atheris',
    vertical: 'python',
    title: 'Atheris campaign (Python)',
    description:
      'Fuzzes a Python harness (atheris.Setup + atheris.Fuzz) with coverage-guided Atheris; uncaught exceptions are triaged from their tracebacks and deduplicated per project.',
    tools: ['atheris'],
  }),
];
