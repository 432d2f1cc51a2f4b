import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { findOnPath, runCommand } from '@fuzzforge/worker-runtime/provision';

/** The compilers and fuzzers the libfuzzer and afl engines run; every path absolute. */
export interface NativeFuzzToolchain {
  /** clang with its libFuzzer and sanitizer runtimes, and the clang++ beside it. */
  clang: { cc: string; cxx: string; version: string };
  /** Turns sanitizer stack addresses into function, file and line. */
  llvmSymbolizer: string;
  /** afl-fuzz, and AFL++'s LLVM compiler wrappers (afl-clang-fast and afl-clang-fast++). */
  afl: { fuzz: string; cc: string; cxx: string; version: string };
}

/** The variables that name the toolchain's binaries; provisioning sets them, a person may. */
export const fuzzToolchainEnvVars = [
  'FF_CLANG_PATH',
  'FF_LLVM_SYMBOLIZER_PATH',
  'FF_AFL_FUZZ_PATH',
  'FF_AFL_CC_PATH',
] as const;
export type FuzzToolchainEnvVar = (typeof fuzzToolchainEnvVars)[number];

/** Debian bookworm packages per part of the toolchain (llvm-14 carries llvm-symbolizer-14). */
export const fuzzToolchainPackages: Record<FuzzToolchainEnvVar, readonly string[]> = {
  FF_CLANG_PATH: ['clang-14', 'libclang-rt-14-dev', 'libfuzzer-14-dev'],
  FF_LLVM_SYMBOLIZER_PATH: ['llvm-14'],
  FF_AFL_FUZZ_PATH: ['afl++'],
  FF_AFL_CC_PATH: ['afl++'],
};

/** Names looked up on PATH when the variable is unset, best first. */
const defaultNames: Record<FuzzToolchainEnvVar, readonly string[]> = {
  FF_CLANG_PATH: ['clang-14', 'clang'],
  FF_LLVM_SYMBOLIZER_PATH: ['llvm-symbolizer-14', 'llvm-symbolizer'],
  FF_AFL_FUZZ_PATH: ['afl-fuzz'],
  FF_AFL_CC_PATH: ['afl-clang-fast'],
};

/** clang++ beside clang: `clang-14` → `clang++-14`, `clang` → `clang++`. */
export const clangxxBeside = (clang: string): string =>
  path.join(path.dirname(clang), path.basename(clang).replace(/^clang/, 'clang++'));

/** AFL's C++ wrapper beside its C one: `afl-clang-fast` → `afl-clang-fast++`, `afl-cc` → `afl-c++`. */
export const aflCxxBeside = (aflCc: string): string => {
  const name = path.basename(aflCc);
  return path.join(path.dirname(aflCc), name === 'afl-cc' ? 'afl-c++' : `${name}++`);
};

/** What probing found: the toolchain when complete, else what is missing, each naming its variable. */
export interface FuzzToolchainProbe {
  toolchain?: NativeFuzzToolchain;
  missing: { envVar: FuzzToolchainEnvVar; what: string }[];
}

/**
 * Finds the fuzzing toolchain: each binary its variable names, else the first of its usual names on
 * PATH that answers. clang must also have its libFuzzer runtime (libclang-rt-*-dev), which `--version`
 * does not show.
 */
export async function probeNativeFuzzToolchain(env: NodeJS.ProcessEnv): Promise<FuzzToolchainProbe> {
  const [clang, llvmSymbolizer, aflFuzz, aflCc] = await Promise.all([
    locate(env, 'FF_CLANG_PATH', probeClang),
    locate(env, 'FF_LLVM_SYMBOLIZER_PATH', (p) => versionOf(p, ['--version'], /LLVM version (\d[\w.]*)/)),
    locate(env, 'FF_AFL_FUZZ_PATH', (p) => versionOf(p, ['-h'], /afl-fuzz\+\+(\d[\w.]*)/)),
    locate(env, 'FF_AFL_CC_PATH', probeAflCc),
  ]);
  const missing: FuzzToolchainProbe['missing'] = [];
  if (!clang) missing.push({ envVar: 'FF_CLANG_PATH', what: 'clang and clang++ with the libFuzzer runtime' });
  if (!llvmSymbolizer) missing.push({ envVar: 'FF_LLVM_SYMBOLIZER_PATH', what: 'llvm-symbolizer' });
  if (!aflFuzz) missing.push({ envVar: 'FF_AFL_FUZZ_PATH', what: 'afl-fuzz (AFL++)' });
  if (!aflCc) missing.push({ envVar: 'FF_AFL_CC_PATH', what: 'afl-clang-fast and afl-clang-fast++ (AFL++)' });
  if (!clang || !llvmSymbolizer || !aflFuzz || !aflCc) return { missing };
  return {
    missing,
    toolchain: {
      clang: { cc: clang.path, cxx: clangxxBeside(clang.path), version: clang.version },
      llvmSymbolizer: llvmSymbolizer.path,
      afl: { fuzz: aflFuzz.path, cc: aflCc.path, cxx: aflCxxBeside(aflCc.path), version: aflFuzz.version },
    },
  };
}

/** The toolchain the libfuzzer and afl engines take, or undefined when any part is missing. */
export async function locateNativeFuzzToolchain(
  env: NodeJS.ProcessEnv,
): Promise<NativeFuzzToolchain | undefined> {
  return (await probeNativeFuzzToolchain(env)).toolchain;
}

type Probe = (binary: string) => Promise<string | undefined>;

async function locate(
  env: NodeJS.ProcessEnv,
  envVar: FuzzToolchainEnvVar,
  probe: Probe,
): Promise<{ path: string; version: string } | undefined> {
  const configured = env[envVar];
  const candidates = configured
    ? [configured]
    : (await Promise.all(defaultNames[envVar].map((name) => findOnPath(name, env['PATH'] ?? '')))).filter(
        (c): c is string => c !== undefined,
      );
  for (const candidate of candidates) {
    const version = await probe(candidate);
    if (version) return { path: candidate, version };
  }
  return undefined;
}

/** AFL++'s tools print their version in their help, and exit 1 after it. */
async function versionOf(binary: string, args: string[], pattern: RegExp): Promise<string | undefined> {
  const result = await runCommand(binary, args).catch(() => undefined);
  return result ? pattern.exec(result.output)?.[1] : undefined;
}

async function probeClang(clang: string): Promise<string | undefined> {
  const version = await versionOf(clang, ['--version'], /clang version (\d+(?:\.\d+)+)/);
  const cxxVersion = await versionOf(clangxxBeside(clang), ['--version'], /clang version (\d+(?:\.\d+)+)/);
  if (!version || version !== cxxVersion) return undefined;
  const runtimeDir = (await runCommand(clang, ['--print-runtime-dir']).catch(() => undefined))?.output.trim();
  if (!runtimeDir) return undefined;
  // clang ≤ 14 names runtimes per architecture; later ones keep one per target directory.
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch === 'x64' ? 'x86_64' : process.arch;
  const runtimes = [`libclang_rt.fuzzer-${arch}.a`, 'libclang_rt.fuzzer.a'].map((f) =>
    path.join(runtimeDir, f),
  );
  for (const runtime of runtimes) if (await readable(runtime)) return version;
  return undefined;
}

async function probeAflCc(aflCc: string): Promise<string | undefined> {
  const version = await versionOf(aflCc, ['-h'], /afl-cc\+\+(\d[\w.]*)/);
  const cxxVersion = await versionOf(aflCxxBeside(aflCc), ['-h'], /afl-cc\+\+(\d[\w.]*)/);
  return version && version === cxxVersion ? version : undefined;
}

const readable = (file: string): Promise<boolean> =>
  access(file, constants.R_OK).then(
    () => true,
    () => false,
  );
