import type { CrashFrame } from '@fuzzforge/contracts';
import type { CrashReport } from '@fuzzforge/worker-runtime';
// The runtime's index does not export the sanitizer parser (yet): reached by path.
import { isSanitizerNoiseFrame, parseSanitizerReport } from '@fuzzforge/worker-runtime';
import { parseFaulthandlerStack, parseUncaughtException } from './pythonTraceback';

const TIMEOUT = /==\d+== ERROR: libFuzzer: timeout after (\d+) seconds/;
const OUT_OF_MEMORY = /==\d+== ERROR: libFuzzer: out-of-memory \((.+)\)/;

/**
 * The crash in atheris output: an uncaught Python exception, a timeout (with the Python stack atheris
 * dumps when its alarm fires) or libFuzzer's RSS limit; else a native crash in an extension module,
 * read as a sanitizer report (without a sanitizer, libFuzzer's bare `deadly signal`); undefined when
 * there is none. Pure.
 */
export function parseAtherisCrash(output: string, workspace: string): CrashReport | undefined {
  const exception = parseUncaughtException(output, workspace);
  if (exception) return exception;
  const timeout = TIMEOUT.exec(output);
  if (timeout) {
    return {
      type: 'timeout',
      summary: `timeout after ${timeout[1]} seconds`,
      frames: parseFaulthandlerStack(output, workspace),
    };
  }
  const oom = OUT_OF_MEMORY.exec(output);
  if (oom) return { type: 'out-of-memory', summary: `out-of-memory (${oom[1]})`, frames: [] };
  return parseSanitizerReport(output, workspace);
}

// The launcher that runs harnesses under atheris (atherisLauncher.ts).
const LAUNCHER = /(^|\/)atheris_main\.py$/;

/**
 * atheris's machinery and the harness driver's: atheris's package, the launcher, frozen importlib and
 * runpy frames, module-level code, and the harness's own `main` (the `atheris.Fuzz()` call; a timeout's
 * stack shows it); in a native crash, the sanitizers' and libc's frames. The harness's TestOneInput and
 * what it calls are meaningful.
 */
export function isAtherisNoiseFrame(frame: CrashFrame): boolean {
  const module = frame.module ?? '';
  return (
    isSanitizerNoiseFrame(frame) ||
    frame.function === '<module>' ||
    (module === '__main__' && frame.function === 'main') ||
    module.split('.')[0] === 'atheris' ||
    LAUNCHER.test(frame.file ?? '') ||
    (frame.file ?? '').startsWith('<frozen ')
  );
}
