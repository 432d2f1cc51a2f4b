import type { CrashFrame } from '@fuzzforge/contracts';
import type { CrashReport } from './fuzzEngine';
import { framePath, parseSanitizerStack } from './stackFrames';

/** A headline the sanitizers or libFuzzer print first when a run goes wrong. */
interface Headline {
  type: string;
  summary: string;
  /** Index of the headline's line: the stack that belongs to it follows. */
  index: number;
}

// `==4711==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x60 at pc 0x55 bp 0x7f sp 0x7f`
const ASAN = /==\d+==\s*ERROR: AddressSanitizer: (.+)$/;
const LEAK = /==\d+==\s*ERROR: LeakSanitizer: detected memory leaks/;
// `==4711== ERROR: libFuzzer: timeout after 3 seconds` (libFuzzer puts a space after the pid)
const LIBFUZZER = /==\d+==\s*ERROR: libFuzzer: (.+)$/;
// `src/parse.c:12:5: runtime error: signed integer overflow: ...`
const UBSAN = /^(\S+?):(\d+):\d+: runtime error: (.+)$/;
// `SEGV on unknown address 0x000000000040 (pc ...)`: ASan's zero-page hint is for the first page.
const SEGV_ADDRESS = /^SEGV on unknown address (0x[0-9a-f]+)/;
const ZERO_PAGE_END = 0x1000;
const MAX_SUMMARY = 500;

/**
 * Parses the first crash report of AddressSanitizer, UndefinedBehaviorSanitizer, LeakSanitizer or
 * libFuzzer's own detectors (timeout, out-of-memory, deadly signal) in `output`: libFuzzer and AFL
 * builds of C/C++ harnesses, and the native part of cargo-fuzz and atheris crashes. Frames are those of
 * the stack that follows the headline, relative to `workspace` when inside it. Undefined when the
 * output holds no report. Pure.
 */
export function parseSanitizerReport(output: string, workspace: string): CrashReport | undefined {
  const lines = output.split('\n');
  const headline = findHeadline(lines);
  if (!headline) return undefined;
  const after = lines.slice(headline.index + 1);
  let frames = parseSanitizerStack(after, workspace);
  if (frames.length === 0) frames = ubsanLocationFrame(lines[headline.index] ?? '', workspace);
  return { type: headline.type, summary: headline.summary.slice(0, MAX_SUMMARY), frames };
}

function findHeadline(lines: readonly string[]): Headline | undefined {
  for (const [index, raw] of lines.entries()) {
    const line = raw.trimEnd();
    const asan = ASAN.exec(line);
    if (asan) return { ...asanHeadline(asan[1]!, lines[index + 1] ?? ''), index };
    if (LEAK.test(line)) return { type: 'memory-leak', summary: leakSummary(lines, index), index };
    const libfuzzer = LIBFUZZER.exec(line);
    if (libfuzzer) return { type: libFuzzerType(libfuzzer[1]!), summary: libfuzzer[1]!, index };
    const ubsan = UBSAN.exec(line);
    if (ubsan) return { type: ubsanType(ubsan[3]!), summary: ubsan[3]!, index };
  }
  return undefined;
}

function asanHeadline(text: string, next: string): Omit<Headline, 'index'> {
  // Registers and thread ids differ per run and say nothing to a reader.
  const headline = text
    .replace(/\s+at pc 0x[0-9a-f]+ bp 0x[0-9a-f]+ sp 0x[0-9a-f]+.*$/, '')
    .replace(/\s+\(pc 0x[0-9a-f]+ .*\)$/, '')
    .replace(/\s+in thread T\d+:?$/, '');
  // `READ of size 1 at 0x60 thread T0`: what the access was is half of the story.
  const access = /^(READ|WRITE) of size \d+/.exec(next.trim())?.[0];
  return { type: asanType(headline), summary: access ? `${headline}, ${access}` : headline };
}

function asanType(headline: string): string {
  const segv = SEGV_ADDRESS.exec(headline);
  if (segv) return Number.parseInt(segv[1]!, 16) < ZERO_PAGE_END ? 'null-dereference' : 'segv';
  if (headline.startsWith('attempting double-free')) return 'double-free';
  if (headline.startsWith('attempting free on address which was not malloc')) return 'bad-free';
  if (headline.startsWith('requested allocation size')) return 'allocation-size-too-big';
  if (headline.startsWith('allocator is out of memory')) return 'out-of-memory';
  if (headline.startsWith('heap-use-after-free')) return 'use-after-free';
  const word = headline.split(/\s/)[0] ?? '';
  const signals: Record<string, string> = {
    BUS: 'bus-error',
    FPE: 'floating-point-exception',
    ILL: 'illegal-instruction',
    ABRT: 'abort',
  };
  return signals[word] ?? slug(word);
}

function libFuzzerType(text: string): string {
  if (text.startsWith('timeout')) return 'timeout';
  if (text.startsWith('out-of-memory')) return 'out-of-memory';
  if (text.startsWith('deadly signal')) return 'deadly-signal';
  return slug(text.replace(/\(.*$/, ''));
}

const UBSAN_KINDS: readonly [RegExp, string][] = [
  [/^signed integer overflow/, 'signed-integer-overflow'],
  [/^unsigned integer overflow/, 'unsigned-integer-overflow'],
  [/^division by zero/, 'division-by-zero'],
  [/^index -?\d+ out of bounds/, 'index-out-of-bounds'],
  [/^(shift exponent|left shift of)/, 'invalid-shift'],
  [/null pointer/, 'null-dereference'],
  [/misaligned address/, 'misaligned-access'],
  [/pointer overflow|addition of unsigned offset|subtraction of unsigned offset/, 'pointer-overflow'],
  [/^execution reached an unreachable program point/, 'unreachable'],
];

function ubsanType(message: string): string {
  return UBSAN_KINDS.find(([pattern]) => pattern.test(message))?.[1] ?? 'undefined-behavior';
}

function leakSummary(lines: readonly string[], index: number): string {
  const first = lines.slice(index + 1).find((l) => /^(Direct|Indirect) leak of/.test(l));
  return first
    ? `detected memory leaks: ${first.replace(/ allocated from:$/, '').trim()}`
    : 'detected memory leaks';
}

/** UBSan without `print_stacktrace=1` names only the place: better one frame than none. */
function ubsanLocationFrame(headline: string, workspace: string): CrashFrame[] {
  const ubsan = UBSAN.exec(headline.trimEnd());
  if (!ubsan) return [];
  const file = ubsan[1]!.startsWith('/') ? framePath(ubsan[1]!, workspace) : ubsan[1]!;
  return [{ function: '<unknown>', file, line: Number(ubsan[2]) }];
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64) || 'crash';

// LLVM 15 and later name interceptors `___interceptor_*`.
const RUNTIME_PREFIXES = [
  '__asan',
  '__lsan',
  '__ubsan',
  '__msan',
  '__tsan',
  '__sanitizer',
  '__interceptor_',
  '___interceptor_',
];
// The harness's callers: libFuzzer's driver, AFL's libFuzzer driver, and the C runtime's entry.
const DRIVER_FUNCTIONS = new Set([
  'main',
  'ExecuteFilesOnyByOne',
  'LLVMFuzzerRunDriver',
  '__libc_start_call_main',
  '__libc_start_main',
  '_start',
]);
// What a signal or a failed assertion passes through in glibc before the handler prints the stack.
const LIBC_SIGNAL_PATH = new Set([
  'raise',
  'abort',
  'gsignal',
  'pthread_kill',
  '__pthread_kill_implementation',
  '__pthread_kill_internal',
  '__assert_fail',
  '__assert_fail_base',
]);
// Allocator entry points ASan replaces; with no source line they are the runtime's, not the user's.
const ALLOCATOR_FUNCTIONS =
  /^(malloc|calloc|realloc|free|aligned_alloc|posix_memalign|memalign|valloc|strdup|strndup|operator new|operator delete)\b/;

/**
 * Frames the sanitizer runtimes, libFuzzer, AFL's driver and libc add around the user's code: the
 * crash's place is the first frame that is not one of them. `LLVMFuzzerTestOneInput` is not noise: it
 * is the user's harness, and often the crash's place.
 */
export function isSanitizerNoiseFrame(frame: CrashFrame): boolean {
  const name = frame.function;
  if (RUNTIME_PREFIXES.some((p) => name.startsWith(p))) return true;
  if (name.startsWith('fuzzer::') || name.includes('InterceptorCommon')) return true;
  if (DRIVER_FUNCTIONS.has(name) || LIBC_SIGNAL_PATH.has(name)) return true;
  if (frame.file === undefined && ALLOCATOR_FUNCTIONS.test(name)) return true;
  return (
    name === '<unknown>' && frame.module !== undefined && /^(libc|libpthread|ld-linux)[.-]/.test(frame.module)
  );
}
