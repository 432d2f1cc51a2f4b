import { createHash } from 'node:crypto';
import type { CrashFrame, Severity } from '@fuzzforge/contracts';

/** How many meaningful frames (innermost first) identify a crash, with its type. */
export const SIGNATURE_FRAMES = 3;

// Frames every engine's machinery puts around the user's code: sanitizer runtimes, libFuzzer, libc.
const UNIVERSAL_NOISE = [
  /^__(asan|lsan|ubsan|msan|tsan|sanitizer|interceptor|libc_start|GI_|gxx_personality)/,
  /^(_start|raise|abort|__assert_fail|__assert_perror_fail|malloc|calloc|realloc|free)$/,
  /^(operator new|operator delete)/,
  /^(fuzzer::|libfuzzer_sys::)/,
  /^<unknown>$/,
];

const isUniversalNoise = (frame: CrashFrame): boolean =>
  UNIVERSAL_NOISE.some((pattern) => pattern.test(frame.function));

/** The frames that say where the bug is: the engine's and runtimes' own frames removed, innermost first. */
export function meaningfulFrames(
  frames: readonly CrashFrame[],
  isEngineNoise: (frame: CrashFrame) => boolean = () => false,
): CrashFrame[] {
  return frames.filter((f) => !isUniversalNoise(f) && !isEngineNoise(f));
}

/** Function names vary in what they carry (argument lists, addresses, generics hashes); this keeps the name. */
export function normalisedFunction(name: string): string {
  return name
    .replace(/::h[0-9a-f]{16}$/, '') // Rust symbol hash
    .replace(/\(.*\)\s*(const)?$/, '') // C++ parameter list
    .replace(/\.func\d+(\.\d+)*$/, '') // Go closure numbering
    .replace(/\{closure#?\d*\}/g, '{closure}')
    .trim();
}

/**
 * The crash signature: the type and the top 3 meaningful frames (function and file, not line: a line
 * shift from an unrelated edit must not make an old crash new). Equal signatures are one crash, within
 * a run and across runs of a project. Pure.
 */
export function crashSignature(type: string, frames: readonly CrashFrame[]): string {
  const top = frames
    .slice(0, SIGNATURE_FRAMES)
    .map((f) => `${normalisedFunction(f.function)}@${f.file ?? f.module ?? ''}`);
  return createHash('sha256')
    .update([type, ...top].join('\n'))
    .digest('hex')
    .slice(0, 32);
}

const SEVERITY_BY_TYPE: Record<string, Severity> = {
  'heap-buffer-overflow': 'critical',
  'use-after-free': 'critical',
  'double-free': 'critical',
  'heap-use-after-free': 'critical',
  'stack-buffer-overflow': 'critical',
  'global-buffer-overflow': 'high',
  'stack-use-after-return': 'high',
  'stack-use-after-scope': 'high',
  'container-overflow': 'high',
  'bad-free': 'high',
  segv: 'high',
  'null-dereference': 'medium',
  'undefined-behavior': 'medium',
  'stack-overflow': 'medium',
  'memory-leak': 'low',
  timeout: 'low',
  'out-of-memory': 'low',
};

/**
 * How bad a crash is, by what it is: memory corruption a sanitizer caught is exploitable until shown
 * otherwise; a panic or exception is a denial of service; a leak, a timeout or an OOM is a nuisance.
 */
export function crashSeverity(type: string): Severity {
  return SEVERITY_BY_TYPE[type] ?? 'medium';
}
