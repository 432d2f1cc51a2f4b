import type { Harness } from '@fuzzforge/worker-runtime';
import type { SourceFile } from './sourceRole';
import { scanSourceTree } from './sourceTree';

/**
 * The libFuzzer-style harnesses among `files`: each C/C++ file defining `LLVMFuzzerTestOneInput`, named
 * by its path without extension (`fuzz/fuzz_parse`), in path order. Pure.
 */
export function harnessesOf(files: readonly SourceFile[]): Harness[] {
  return files
    .filter((f) => f.role === 'harness')
    .map((f) => ({ name: f.path.replace(/\.[^./]+$/, ''), source: f.path }));
}

/** The workspace's libFuzzer-style harnesses (the libfuzzer and afl engines build the same ones). */
export async function discoverNativeHarnesses(workspace: string): Promise<Harness[]> {
  return harnessesOf(await scanSourceTree(workspace));
}
