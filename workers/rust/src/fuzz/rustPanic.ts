import type { CrashFrame } from '@fuzzforge/contracts';
import { parseSanitizerStack, type CrashReport } from '@fuzzforge/worker-runtime';
import { panicType } from './panicType';
import { parseRustBacktrace } from './rustBacktrace';

// Rust ≥ 1.73: `thread '<unnamed>' (7386) panicked at src/lib.rs:26:50:` with the message on the next
// lines (the thread id since 1.89). Before: `thread '<unnamed>' panicked at 'message', src/lib.rs:26:50`.
const PANIC = /^thread '[^']*'(?: \(\d+\))? panicked at (.+):\d+:\d+:\s*$/;
const OLD_PANIC = /^thread '[^']*'(?: \(\d+\))? panicked at '(.*)', .+:\d+:\d+\s*$/;
const STACK_OVERFLOW = /^thread '[^']*'(?: \(\d+\))? has overflowed its stack\s*$/;
// Where the message ends: Rust's note or backtrace, or libFuzzer's report.
const MESSAGE_END = /^(note: |stack backtrace:|==\d+==|\s*$)/;

interface PanicHeadline {
  type: string;
  summary: string;
  /** Index of the line after the headline and message. */
  next: number;
}

function headline(lines: readonly string[]): PanicHeadline | undefined {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const old = OLD_PANIC.exec(line);
    if (old) return { type: panicType(old[1]!), summary: old[1]!, next: i + 1 };
    if (PANIC.test(line)) {
      let end = i + 1;
      while (end < lines.length && !MESSAGE_END.test(lines[end]!)) end += 1;
      // A multi-line message (an assert_eq! diff) is summarized by its first line.
      const summary = lines[i + 1] !== undefined && end > i + 1 ? lines[i + 1]! : 'explicit panic';
      return { type: panicType(summary), summary, next: end };
    }
    if (STACK_OVERFLOW.test(line)) return { type: 'stack-overflow', summary: line.trim(), next: i + 1 };
  }
  return undefined;
}

/**
 * The frames of a panic: the stack libFuzzer's deadly-signal handler prints when ASan could name its
 * functions, else the backtrace Rust printed itself (RUST_BACKTRACE=1). Innermost first.
 */
function panicFrames(lines: readonly string[], workspace: string): CrashFrame[] {
  const sanitizer = parseSanitizerStack(lines, workspace);
  if (sanitizer.some((f) => f.function !== '<unknown>')) return sanitizer;
  const rust = parseRustBacktrace(lines, workspace);
  return rust.length ? rust : sanitizer;
}

/**
 * A Rust panic under libFuzzer (a panic aborts; libFuzzer reports the abort as a deadly signal): its
 * type from the message (see panicType), the message's first line as summary, every frame with
 * workspace-relative files. Also Rust's own stack-overflow abort. Undefined when the output holds no
 * panic. Pure.
 */
export function parseRustPanic(output: string, workspace: string): CrashReport | undefined {
  const lines = output.split('\n');
  const found = headline(lines);
  if (!found) return undefined;
  return {
    type: found.type,
    summary: found.summary.trim().slice(0, 500),
    frames: panicFrames(lines.slice(found.next), workspace),
  };
}
