import type { CrashFrame } from '@fuzzforge/contracts';
import type { CrashReport } from '@fuzzforge/worker-runtime';
import { parseGoroutines, type GoroutineStack } from './goStack';

/** What goFuzzEngine's reproduce appends when the test process exited non-zero and printed no report. */
export const unreportedExit = (status: string): string =>
  `go-fuzz: the test process exited with ${status} and printed no report`;

const TIMEOUT = /^\s*panic: test timed out after (\S+)/m;
// `panic: msg [recovered]` when re-run; `testing.go:1927: panic: msg` nested in a fuzz failure.
const PANIC = /^\s*(?:\S+\.go:\d+: )?panic: (.*?)(?: \[recovered(?:, repanicked)?\])?$/m;
const FATAL = /^fatal error: (.*)$/m;
const WORKER_DIED = /^\s*(fuzzing process hung or terminated unexpectedly(?: while minimizing)?: .*)$/m;
const UNREPORTED = /^go-fuzz: the test process exited with .* and printed no report$/m;
// `--- FAIL: FuzzParse (0.05s)` then, indented, `parser_test.go:11: unexpected error: ...` (t.Error, t.Fatal).
const FAILED = /^--- FAIL: (Fuzz\w*)/m;
const FAILURE_LINE = /^\s+(\S+_test\.go|\S+\.go):(\d+): (.*)$/m;

// The runtime's own words for the panics worth their own type.
const RUNTIME_ERRORS: [RegExp, string][] = [
  [/^runtime error: index out of range/, 'index-out-of-range'],
  [/^runtime error: slice bounds out of range/, 'slice-bounds-out-of-range'],
  [/^runtime error: invalid memory address or nil pointer dereference/, 'nil-dereference'],
  [/^runtime error: integer divide by zero/, 'divide-by-zero'],
];
const FATAL_ERRORS: [RegExp, string][] = [
  [/^stack overflow/, 'stack-overflow'],
  [/out of memory/, 'out-of-memory'],
  [/^concurrent map/, 'concurrent-map-access'],
  [/^all goroutines are asleep/, 'deadlock'],
];

const classify = (message: string, table: [RegExp, string][], fallback: string): string =>
  table.find(([pattern]) => pattern.test(message))?.[1] ?? fallback;

const running = (stacks: GoroutineStack[]): CrashFrame[] =>
  (stacks.find((s) => s.header.startsWith('goroutine') && s.header.includes('[running]')) ?? stacks[0])
    ?.frames ?? [];

// On a timeout the running goroutine is the alarm's; the input runs where the fuzz callback is.
const fuzzCallback = (stacks: GoroutineStack[]): CrashFrame[] =>
  (stacks.find((s) => s.symbols.includes('testing.(*F).Fuzz.func1.1')) ?? stacks[0])?.frames ?? [];

/**
 * The crash in `go test` fuzzing or re-run output. Types: a runtime error's own class
 * (`index-out-of-range`, `slice-bounds-out-of-range`, `nil-dereference`, `divide-by-zero`), else
 * `panic`; a fatal error's (`stack-overflow`, `out-of-memory`, `concurrent-map-access`, `deadlock`,
 * else `fatal-error`); `timeout` (the re-run's -test.timeout); `test-failure` (t.Error/t.Fatal);
 * `hang-or-exit` when the fuzzing worker died or hung (Go prints no stack for it: the re-run shows which);
 * `unexpected-exit` for a re-run that exited without a word (os.Exit). Undefined when none. Pure.
 */
export function parseGoCrash(output: string, workspace: string): CrashReport | undefined {
  const timeout = TIMEOUT.exec(output);
  if (timeout) {
    const frames = fuzzCallback(parseGoroutines(output, workspace));
    return { type: 'timeout', summary: `test timed out after ${timeout[1]}`, frames };
  }
  const panic = PANIC.exec(output);
  if (panic) {
    const message = panic[1]!;
    const type = classify(message, RUNTIME_ERRORS, 'panic');
    return {
      type,
      summary: `panic: ${message}`.slice(0, 500),
      frames: running(parseGoroutines(output, workspace)),
    };
  }
  const fatal = FATAL.exec(output);
  if (fatal) {
    const message = fatal[1]!;
    const type = classify(message, FATAL_ERRORS, 'fatal-error');
    return {
      type,
      summary: `fatal error: ${message}`.slice(0, 500),
      frames: running(parseGoroutines(output, workspace)),
    };
  }
  const died = WORKER_DIED.exec(output);
  if (died) return { type: 'hang-or-exit', summary: died[1]!, frames: [] };
  const failed = FAILED.exec(output);
  const failure = failed ? FAILURE_LINE.exec(output.slice(failed.index)) : undefined;
  if (failed && failure) {
    return {
      type: 'test-failure',
      summary: `${failure[1]}:${failure[2]}: ${failure[3]}`.slice(0, 500),
      // Go prints the file's base name only; the fuzz test is the function that failed.
      frames: [{ function: failed[1]!, file: failure[1]!, line: Number(failure[2]) }],
    };
  }
  const unreported = UNREPORTED.exec(output);
  if (unreported) return { type: 'unexpected-exit', summary: unreported[0], frames: [] };
  return undefined;
}

const NOISE_PACKAGE = /^(runtime|testing|reflect|internal\/fuzz)(\/|$)/;

/** Go's runtime, testing and reflection frames, and the generated test main, around the user's code. */
export function isGoNoiseFrame(frame: CrashFrame): boolean {
  return NOISE_PACKAGE.test(frame.module ?? '') || frame.file === '_testmain.go';
}
