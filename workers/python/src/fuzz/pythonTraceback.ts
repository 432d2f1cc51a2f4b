import path from 'node:path';
import type { CrashFrame } from '@fuzzforge/contracts';
import { framePath, type CrashReport } from '@fuzzforge/worker-runtime';

const UNCAUGHT = /=== Uncaught Python exception: ===/;
const TRACEBACK_START = /^Traceback \(most recent call last\):$/;
// `  File "/w/recordparse/parser.py", line 28, in parse_record`
const TRACEBACK_FRAME = /^\s+File "(.+)", line (\d+), in (.+)$/;
// faulthandler's dump (atheris's timeouts): `  File "/w/fuzz/slow.py", line 7 in helper`; instrumented
// code has no line table, so its line is `???`.
const DUMP_FRAME = /^\s+File "(.+)", line (\d+|\?\?\?) in (.+)$/;
const LIBFUZZER_ERROR = /^==\d+== ERROR: libFuzzer:/;
// The launcher (atherisLauncher.ts) and atheris itself sit outside the harness.
const MACHINERY = /(^<frozen |\/atheris_main\.py$|\/site-packages\/atheris\/)/;

/**
 * The Python module a file is, as far as its path tells: relative to the workspace (a `src/` layout's
 * `src` dropped), else after `site-packages/` or `lib/pythonX.Y/`; `<frozen runpy>` is `runpy`.
 */
export function pythonModuleOf(file: string): string | undefined {
  const frozen = /^<frozen (.+)>$/.exec(file);
  if (frozen) return frozen[1];
  if (!file.endsWith('.py')) return undefined;
  let relative = file;
  if (path.isAbsolute(file)) {
    const installed =
      /\/(?:site|dist)-packages\/(.+)$/.exec(file) ?? /\/lib\/python\d+\.\d+\/(.+)$/.exec(file);
    if (!installed) return undefined;
    relative = installed[1]!;
  }
  const dotted = relative
    .replace(/^src\//, '')
    .replace(/(\/__init__)?\.py$/, '')
    .split('/')
    .filter(Boolean)
    .join('.');
  return dotted || undefined;
}

interface RawFrame {
  file: string;
  line: string;
  fn: string;
}

/**
 * Frames as a report shows them, innermost first. The harness runs as `__main__`: its file is the
 * outermost one that is not atheris's machinery, and its frames get that module name (so the noise
 * filter can tell its driver code from the target's).
 */
function toFrames(raw: readonly RawFrame[], workspace: string): CrashFrame[] {
  const harness = [...raw].reverse().find((f) => !MACHINERY.test(f.file))?.file;
  return raw.map(({ file, line, fn }) => {
    // Relative and `<frozen ...>` names are not paths on this machine: kept as printed.
    const shown = path.isAbsolute(file) ? framePath(file, workspace) : file;
    const module = file === harness ? '__main__' : pythonModuleOf(shown);
    return {
      function: fn,
      file: shown,
      ...(/^\d+$/.test(line) ? { line: Number(line) } : {}),
      ...(module ? { module } : {}),
    };
  });
}

/**
 * The uncaught exception atheris reports (`=== Uncaught Python exception: ===`, the exception line,
 * then its traceback), or undefined when the output has none. Type `uncaught-exception`; the summary is
 * the exception's class and the first line of its message; frames innermost first. Pure.
 */
export function parseUncaughtException(output: string, workspace: string): CrashReport | undefined {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => UNCAUGHT.test(l));
  if (start < 0) return undefined;
  const summary = lines
    .slice(start + 1)
    .find((l) => l.trim() !== '')
    ?.trim();
  if (!summary) return undefined;
  let raw: RawFrame[] = [];
  for (const line of lines.slice(start + 1)) {
    if (LIBFUZZER_ERROR.test(line)) break;
    // A chained exception prints one traceback per link; the last one is the exception that escaped.
    if (TRACEBACK_START.test(line)) raw = [];
    const frame = TRACEBACK_FRAME.exec(line);
    if (frame) raw.push({ file: frame[1]!, line: frame[2]!, fn: frame[3]! });
  }
  return {
    type: 'uncaught-exception',
    summary: summary.slice(0, 500),
    frames: toFrames(raw.reverse(), workspace),
  };
}

/** The current thread's stack in a faulthandler dump (printed most recent call first). Pure. */
export function parseFaulthandlerStack(output: string, workspace: string): CrashFrame[] {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => /^Current thread 0x[0-9a-f]+ \(most recent call first\):$/.test(l));
  if (start < 0) return [];
  const raw: RawFrame[] = [];
  for (const line of lines.slice(start + 1)) {
    const frame = DUMP_FRAME.exec(line);
    if (!frame) break;
    raw.push({ file: frame[1]!, line: frame[2]!, fn: frame[3]! });
  }
  return toFrames(raw, workspace);
}
