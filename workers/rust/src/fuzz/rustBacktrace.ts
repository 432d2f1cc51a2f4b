import type { CrashFrame } from '@fuzzforge/contracts';
import { framePath } from '@fuzzforge/worker-runtime';

const FRAME = /^\s*(\d+): (.+?)\s*$/;
const LOCATION = /^\s+at (.+?):(\d+)(?::\d+)?\s*$/;

/**
 * The frames of the first backtrace Rust's panic hook prints (`RUST_BACKTRACE=1`), innermost first:
 * `  3: record_parser::parse_record` then `at ./src/lib.rs:26:50`. Rust names files under its working
 * directory `./…`; the engine runs binaries in the workspace, so those are workspace-relative. Rust
 * symbolizes these itself: the fallback when ASan had no llvm-symbolizer. Pure.
 */
export function parseRustBacktrace(lines: readonly string[], workspace: string): CrashFrame[] {
  const start = lines.findIndex((l) => l.trim() === 'stack backtrace:');
  if (start < 0) return [];
  const frames: CrashFrame[] = [];
  for (const line of lines.slice(start + 1)) {
    const frame = FRAME.exec(line);
    if (frame && Number(frame[1]) === frames.length) {
      frames.push({ function: frame[2]! });
      continue;
    }
    const location = LOCATION.exec(line);
    const last = frames.at(-1);
    if (!location || !last || last.file) break;
    const file = location[1]!.startsWith('./') ? location[1]!.slice(2) : framePath(location[1]!, workspace);
    last.file = file;
    last.line = Number(location[2]);
  }
  return frames;
}
