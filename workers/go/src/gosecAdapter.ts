import { existsSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoots, workspaceSourceLines, type ToolAdapter } from '@fuzzforge/worker-runtime';
import type { GoSastParameters } from './goSastParameters';
import { findingsFromGosec } from './gosecReport';

export interface GosecBinaries {
  gosec: string;
  version: string;
  /** The go command gosec loads packages with (it must be on the tool's PATH). */
  go: string;
}

/**
 * The Go environment of a scan: strictly offline and reproducible. Modules come only from the local
 * module cache or the target's vendor/ (GOPROXY=off: a target's go.mod never makes the worker fetch
 * code), the installed toolchain is used whatever go.mod asks for, and a go.work around the cache is
 * ignored. -mod=mod lets an incomplete go.sum pass; a dependency missing offline only costs gosec the
 * type information of that package (it reports what it could analyse). A target without go.mod is
 * scanned too: gosec loads each directory as a package.
 */
export function offlineGoEnv(workspace: string, goBinary: string): Record<string, string> {
  const vendored = existsSync(path.join(workspace, 'vendor', 'modules.txt'));
  return {
    PATH: `${path.dirname(goBinary)}${path.delimiter}${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    GOENV: 'off',
    GOFLAGS: vendored ? '-mod=vendor' : '-mod=mod',
  };
}

/** gosec over every package of the workspace, its JSON report written into the scratch dir. */
export function gosecAdapter(b: GosecBinaries): ToolAdapter<GoSastParameters> {
  return {
    name: 'gosec',
    version: b.version,
    invocation: ({ workspace, scratch, params }) => {
      const reportFile = path.join(scratch, 'gosec.json');
      return {
        command: b.gosec,
        args: [
          '-fmt',
          'json',
          '-out',
          reportFile,
          // Exit 0 with findings; exit 1 still means gosec could not run (e.g. "No packages found").
          '-no-fail',
          '-exclude-generated',
          ...(params.includeTests ? ['-tests'] : []),
          ...(params.excludeRules.length ? [`-exclude=${params.excludeRules.join(',')}`] : []),
          './...',
        ],
        env: offlineGoEnv(workspace, b.go),
        reportFile,
        okExitCodes: [0],
      };
    },
    parse: (report, { workspace }) =>
      findingsFromGosec(report, {
        toolVersion: b.version,
        roots: workspaceRoots(workspace),
        sourceLineOf: workspaceSourceLines(workspace),
      }),
  };
}
