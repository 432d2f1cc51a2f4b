import path from 'node:path';
import type { ToolAdapter } from '../scan/toolAdapter';
import { workspaceSourceLines } from '../scan/workspaceSource';
import { findingsFromSemgrep } from './semgrepReport';

/** Parameters every workflow that runs semgrep shares. */
export interface SemgrepScanParameters {
  /** Honour the target's `nosemgrep` comments. */
  respectInlineSuppressions: boolean;
}

export interface SemgrepAdapterOptions {
  /** The semgrep executable (FF_SEMGREP_PATH). */
  binary: string;
  /** Its pinned version; flags and parser are written against semgrep 1.185. */
  version: string;
  /** Rules shipped in the repository: semgrep never fetches registry rules here. */
  rulesFile: string;
  /** Parallel jobs of one scan (semgrep defaults to nearly every core). */
  jobs?: number;
}

/**
 * semgrep over the workspace, offline: only the shipped rules file, no metrics, no version check, no
 * git (the workspace is its own project root, so a surrounding repository neither filters nor names it)
 * and a private HOME for its settings and logs.
 */
export function semgrepAdapter<P extends SemgrepScanParameters>(o: SemgrepAdapterOptions): ToolAdapter<P> {
  return {
    name: 'semgrep',
    version: o.version,
    invocation: ({ workspace, scratch, params }) => {
      const reportFile = path.join(scratch, 'semgrep.json');
      return {
        command: o.binary,
        args: [
          'scan',
          '--config',
          o.rulesFile,
          '--json',
          '--output',
          reportFile,
          '--metrics=off',
          '--disable-version-check',
          '--no-rewrite-rule-ids',
          '--project-root',
          '.',
          '--no-git-ignore',
          '--quiet',
          '--jobs',
          String(o.jobs ?? 2),
          ...(params.respectInlineSuppressions ? [] : ['--disable-nosem']),
          '.',
        ],
        env: {
          HOME: path.join(scratch, 'semgrep-home'),
          TMPDIR: scratch,
          SEMGREP_SEND_METRICS: 'off',
          SEMGREP_ENABLE_VERSION_CHECK: '0',
          // git must not discover a repository around the workspace (the cache may live in a clone).
          GIT_CEILING_DIRECTORIES: path.dirname(workspace),
        },
        reportFile,
        // 0: ran (findings or not); 1: findings with --error, which we do not pass, kept for safety.
        okExitCodes: [0, 1],
      };
    },
    parse: (report, { workspace }) =>
      findingsFromSemgrep(report, { toolVersion: o.version, sourceLine: workspaceSourceLines(workspace) }),
  };
}
