import { workspaceRoots, workspaceSourceLines, type ToolAdapter } from '@fuzzforge/worker-runtime';
import { findingsFromFlawfinder } from './flawfinderReport';
import type { NativeSastParameters } from './nativeSastParameters';

/**
 * flawfinder (a Python script) aborts the whole scan at the first source file that is not valid UTF-8,
 * common in older C code. Run under its own interpreter, this preamble makes its text reads tolerant
 * (undecodable bytes pass through as surrogates and come out unchanged on stdout).
 */
export const tolerantPythonPreamble = [
  'import builtins, runpy, sys',
  '_open = builtins.open',
  'def _tolerant(file, mode="r", *args, **kwargs):',
  '    if "b" not in mode and not args and "encoding" not in kwargs:',
  '        kwargs.update(encoding="utf-8", errors="surrogateescape")',
  '    return _open(file, mode, *args, **kwargs)',
  'builtins.open = _tolerant',
  'sys.argv = sys.argv[1:]',
  'runpy.run_path(sys.argv[0], run_name="__main__")',
].join('\n');

export interface FlawfinderBinary {
  /** The flawfinder script. */
  script: string;
  /** The Python interpreter named in its shebang; undefined runs the script directly (no tolerance). */
  python?: string;
  version: string;
}

/** flawfinder over the workspace, CSV on stdout (exit code 0 with or without hits). */
export function flawfinderAdapter(binary: FlawfinderBinary): ToolAdapter<NativeSastParameters> {
  return {
    name: 'flawfinder',
    version: binary.version,
    invocation: ({ params }) => {
      const flags = ['--csv', `--minlevel=${params.flawfinderMinLevel}`, '--', '.'];
      return binary.python
        ? {
            command: binary.python,
            args: ['-c', tolerantPythonPreamble, binary.script, ...flags],
            env: { PYTHONIOENCODING: 'utf-8:surrogateescape', PYTHONDONTWRITEBYTECODE: '1' },
            okExitCodes: [0],
          }
        : { command: binary.script, args: flags, okExitCodes: [0] };
    },
    parse: (report, { workspace }) =>
      findingsFromFlawfinder(report, {
        toolVersion: binary.version,
        roots: workspaceRoots(workspace),
        sourceLineOf: workspaceSourceLines(workspace),
      }),
  };
}
