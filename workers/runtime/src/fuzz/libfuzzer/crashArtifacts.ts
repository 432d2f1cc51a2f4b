import { readdir } from 'node:fs/promises';
import path from 'node:path';

// What libFuzzer writes to `-artifact_prefix` when an input crashes, hangs, runs out of memory or
// leaks, named by the input's SHA-1. `slow-unit-*` files are reports of slow inputs, not crashes.
const CRASH_ARTIFACT = /^(crash|timeout|oom|leak)-[0-9a-f]+$/;

/** The crash artifacts in `dir`, as absolute paths, sorted; none when `dir` does not exist. */
export async function crashArtifactsIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => CRASH_ARTIFACT.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** The crash artifacts in `dir` that were not among `before` (an earlier `crashArtifactsIn(dir)`). */
export async function newCrashArtifacts(dir: string, before: readonly string[]): Promise<string[]> {
  const seen = new Set(before);
  return (await crashArtifactsIn(dir)).filter((file) => !seen.has(file));
}
