import path from 'node:path';
import { workspaceRoots, workspaceSourceLines, type ToolAdapter } from '@fuzzforge/worker-runtime';
import { findingsFromCppcheck } from './cppcheckReport';
import type { NativeSastParameters } from './nativeSastParameters';

/**
 * cppcheck over the workspace (relative paths, run from its root), its XML v2 report written into the
 * scratch dir. Exit code 0 with or without findings (no --error-exitcode); 1 means it could not run,
 * e.g. when the target holds no C/C++ source at all.
 */
export function cppcheckAdapter(binary: string, version: string): ToolAdapter<NativeSastParameters> {
  return {
    name: 'cppcheck',
    version,
    invocation: ({ scratch, params }) => {
      const reportFile = path.join(scratch, 'cppcheck.xml');
      return {
        command: binary,
        args: [
          '--xml',
          '--xml-version=2',
          '--enable=warning,style,portability',
          ...(params.cppcheckInconclusive ? ['--inconclusive'] : []),
          '--quiet',
          `--output-file=${reportFile}`,
          '.',
        ],
        reportFile,
        okExitCodes: [0],
      };
    },
    parse: (report, { workspace }) =>
      findingsFromCppcheck(report, {
        toolVersion: version,
        roots: workspaceRoots(workspace),
        sourceLineOf: workspaceSourceLines(workspace),
      }),
  };
}
