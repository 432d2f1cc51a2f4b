import type { CrashFrame } from '@fuzzforge/contracts';
import type { CrashReport } from '@fuzzforge/worker-runtime';
import { isSanitizerNoiseFrame, parseSanitizerReport } from '@fuzzforge/worker-runtime';
import { isRustNoiseFrame } from './rustNoiseFrames';
import { parseRustPanic } from './rustPanic';

/**
 * A crash in cargo-fuzz output: a Rust panic first (libFuzzer reports a panic only as a "deadly
 * signal", which the sanitizer parser would take for the crash), else what ASan, LeakSanitizer or
 * libFuzzer itself reported: unsafe code's memory errors, leaks, timeouts, out-of-memory. Pure.
 */
export function parseCargoFuzzCrash(output: string, workspace: string): CrashReport | undefined {
  return parseRustPanic(output, workspace) ?? parseSanitizerReport(output, workspace);
}

/** The Rust runtime's and cargo-fuzz's frames, and the sanitizer runtimes' and libc's. Pure. */
export const isCargoFuzzNoiseFrame = (frame: CrashFrame): boolean =>
  isRustNoiseFrame(frame) || isSanitizerNoiseFrame(frame);
