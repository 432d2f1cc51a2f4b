import path from 'node:path';
import { workspaceRoots, type ToolAdapter } from '@fuzzforge/worker-runtime';
import { findingsFromEslint } from './eslintReport';
import type { JavascriptSastParameters } from './javascriptSastParameters';
import { eslintToolPins } from './provisionEslint';

export interface EslintAdapterOptions {
  /** The eslint executable (FF_ESLINT_PATH), a script run by `node`. */
  binary: string;
  /** The Node.js that runs it: this worker's own, so PATH does not matter. */
  node: string;
  /** The shipped flat config. */
  configFile: string;
}

/**
 * ESLint with eslint-plugin-security over every JS file of the workspace, with our config only (never
 * the target's); it exits 1 when it reports errors, which every security rule is.
 */
export function eslintAdapter(o: EslintAdapterOptions): ToolAdapter<JavascriptSastParameters> {
  return {
    name: 'eslint',
    version: eslintToolPins.eslint,
    invocation: ({ scratch, params }) => {
      const reportFile = path.join(scratch, 'eslint.json');
      return {
        command: o.node,
        args: [
          o.binary,
          '--config',
          o.configFile,
          '--format',
          'json',
          '--output-file',
          reportFile,
          '--no-error-on-unmatched-pattern',
          '--no-warn-ignored',
          ...(params.respectInlineSuppressions ? [] : ['--no-inline-config']),
          '.',
        ],
        reportFile,
        okExitCodes: [0, 1],
      };
    },
    parse: (report, { workspace }) =>
      findingsFromEslint(report, { toolVersion: eslintToolPins.eslint, roots: workspaceRoots(workspace) }),
  };
}
