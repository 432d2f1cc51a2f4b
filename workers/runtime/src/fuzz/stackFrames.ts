import path from 'node:path';
import type { CrashFrame } from '@fuzzforge/contracts';

// `#3 0x55d0c8a1 in parse_header /w/src/harness.c:12:5` or `#0 0x4f in foo (/bin/x+0x1234) (BuildId: ab)`
const SYMBOLIZED = /^\s*#(\d+)\s+0x[0-9a-f]+\s+in\s+(.+?)\s+(\S+?):(\d+)(?::\d+)?\s*$/;
const MODULE_ONLY = /^\s*#(\d+)\s+0x[0-9a-f]+\s+in\s+(.+?)\s+\((.+?)\+0x[0-9a-f]+\)/;
// `#2 0x55d0 in ExecuteFilesOnyByOne aflpp_driver.o`, `#25 0x55 in __rust_try libfuzzer_sys.b606-cgu.0`:
// an object the symbolizer found no line info in, named bare. A name can hold spaces (C++ parameters),
// an object cannot hold what names end in (`)`, `>`, `::`).
const OBJECT_ONLY = /^\s*#(\d+)\s+0x[0-9a-f]+\s+in\s+(.+?)\s+([^\s:()<>]+)\s*$/;
// `#4 0x55d0 in main`: a symbol and nothing else.
const FUNCTION_ONLY = /^\s*#(\d+)\s+0x[0-9a-f]+\s+in\s+(\S+)\s*$/;
const BARE = /^\s*#(\d+)\s+0x[0-9a-f]+\s+\((.+?)\+0x[0-9a-f]+\)/;

/**
 * A path as a finding shows it: relative to the workspace when inside it, else as printed. Build dirs
 * (the worker's copy of the target) differ per run; the relative path does not.
 */
export function framePath(file: string, workspace: string): string {
  const relative = path.relative(workspace, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/**
 * Parses the first stack trace in sanitizer format (`#N 0xADDR in FUNCTION FILE:LINE:COL`), the one
 * ASan, UBSan, LeakSanitizer and libFuzzer's deadly-signal handler print. Stops at the first gap in the
 * numbering (the next trace: allocation or free site). Pure.
 */
export function parseSanitizerStack(lines: readonly string[], workspace: string): CrashFrame[] {
  const frames: CrashFrame[] = [];
  let expected = 0;
  for (const raw of lines) {
    const line = raw.replace(/\s+\(BuildId: [0-9a-f]+\)\s*$/, '');
    const symbolized = SYMBOLIZED.exec(line);
    const moduleOnly = symbolized ? undefined : MODULE_ONLY.exec(line);
    const objectOnly = symbolized || moduleOnly ? undefined : OBJECT_ONLY.exec(line);
    const functionOnly = symbolized || moduleOnly || objectOnly ? undefined : FUNCTION_ONLY.exec(line);
    const bare = symbolized || moduleOnly || objectOnly || functionOnly ? undefined : BARE.exec(line);
    const index = Number((symbolized ?? moduleOnly ?? objectOnly ?? functionOnly ?? bare)?.[1] ?? -1);
    if (index < 0) {
      if (frames.length > 0 && line.trim() === '') break;
      continue;
    }
    if (index !== expected) {
      if (frames.length > 0) break;
      if (index !== 0) continue;
    }
    expected = index + 1;
    if (symbolized) {
      frames.push({
        function: symbolized[2]!,
        file: framePath(symbolized[3]!, workspace),
        line: Number(symbolized[4]),
      });
    } else if (moduleOnly) {
      frames.push({ function: moduleOnly[2]!, module: path.basename(moduleOnly[3]!) });
    } else if (objectOnly) {
      frames.push({ function: objectOnly[2]!, module: path.basename(objectOnly[3]!) });
    } else if (functionOnly) {
      frames.push({ function: functionOnly[2]! });
    } else if (bare) {
      frames.push({ function: '<unknown>', module: path.basename(bare[2]!) });
    }
  }
  return frames;
}
