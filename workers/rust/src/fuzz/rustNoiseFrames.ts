import type { CrashFrame } from '@fuzzforge/contracts';

// The standard library and the panic machinery, by name. Inlined frames print short names
// (`index<u8>`, `catch_unwind<…>`): their file (below) says where they belong.
const NOISE_FUNCTIONS = [
  /^(std|core|alloc|panic_unwind|panic_abort)::/,
  /^(__rustc::)?rust_(begin_unwind|panic|oom)/,
  /^__rust_/,
  // libfuzzer-sys: the C entry point, its driver main and libFuzzer's C++ as Rust's backtrace prints it.
  /^(rust_fuzzer_test_input|LLVMFuzzerTestOneInput|test_input_wrap|main)$/,
  /^_ZN6fuzzer/,
  // glibc's signal delivery under abort().
  /^(__pthread_kill_implementation|__pthread_kill_internal|pthread_kill|gsignal)$/,
];

const STD_PATH = /^(dyn )?(std|core|alloc)::/;
const PRIMITIVE = /^([iu](8|16|32|64|128|size)|f32|f64|bool|char|str|\[.*\]|&.*|\*(const|mut) .*|\(.*\))$/;

/** `<Self as Trait>::f` or `<Self>::f` → its parts; undefined for a plain path. */
function qualifiedSelf(name: string): { self: string; trait?: string } | undefined {
  if (!name.startsWith('<')) return undefined;
  let depth = 0;
  let as = -1;
  for (let i = 0; i < name.length; i += 1) {
    const c = name[i];
    if (c === '<') depth += 1;
    else if (c === '>' && name[i - 1] !== '-') depth -= 1;
    if (depth === 1 && as < 0 && name.startsWith(' as ', i)) as = i;
    if (depth === 0) {
      return as < 0 ? { self: name.slice(1, i) } : { self: name.slice(1, as), trait: name.slice(as + 4, i) };
    }
  }
  return undefined;
}

/** A standard-library type's own method, or its impl of a standard trait (not the user's trait, nor a user type's impl). */
function isStdImpl(name: string): boolean {
  const q = qualifiedSelf(name);
  if (!q) return false;
  const stdSelf = STD_PATH.test(q.self) || PRIMITIVE.test(q.self);
  return stdSelf && (q.trait === undefined || STD_PATH.test(q.trait));
}

// Sources that are never the bug: the standard library (`/rustc/<commit>/library/…` as shipped, or a
// local rust-src), compiler-rt, and the libfuzzer-sys crate that `fuzz_target!` expands to.
const NOISE_FILES = [/^\/rustc\//, /\/library\/(std|core|alloc)\/src\//, /\/libfuzzer-sys-[^/]+\//];

// System libraries a frame without symbols falls in.
const NOISE_MODULES = /^(libc|libstdc\+\+|libgcc_s|ld-linux[^.]*|libm|libpthread)\.so/;

/**
 * Frames the Rust runtime and cargo-fuzz put around the user's code: std/core/alloc (panicking,
 * bounds checks, allocation), libFuzzer and libfuzzer-sys, glibc's abort path. The body of the user's
 * `fuzz_target!` closure stays: it is `<target>::_::__libfuzzer_sys_run` in fuzz/fuzz_targets/<target>.rs,
 * the user's own code. Pure.
 */
export function isRustNoiseFrame(frame: CrashFrame): boolean {
  if (NOISE_FUNCTIONS.some((pattern) => pattern.test(frame.function)) || isStdImpl(frame.function))
    return true;
  if (frame.file && NOISE_FILES.some((pattern) => pattern.test(frame.file!))) return true;
  return frame.module !== undefined && NOISE_MODULES.test(frame.module);
}
