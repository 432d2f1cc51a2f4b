import { z } from 'zod';
import type { WorkflowCatalogEntryInput } from '@fuzzforge/contracts';
import { JavascriptSastParameters } from './javascriptSastParameters';

/** The workflows this vertical's worker serves on task queue `ff-javascript`. */
export const javascriptCatalog: WorkflowCatalogEntryInput[] = [
  {
    name: 'javascript-sast',
    vertical: 'javascript',
    workflowType: 'javascriptSast',
    title: 'JavaScript static analysis',
    description:
      'Finds eval of input, shell injection, unsafe file paths and regular expressions and hard-coded passwords in JavaScript with eslint-plugin-security and semgrep (offline, with rules shipped by FuzzForge).',
    version: '1.0.0',
    tools: ['eslint', 'semgrep'],
    cacheMode: 'isolated',
    parameters: z.toJSONSchema(JavascriptSastParameters, { io: 'input' }),
    timeoutSeconds: 3900,
  },
];
