import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** What libFuzzer writes to `-artifact_prefix` when an input crashes, hangs, runs out of memory or leaks. */
const CRASH_ARTIFACT = /^(crash|timeout|oom|leak)-/;

/** The crash artifacts in `crashDir`, by name (libFuzzer names them by content hash). */
export async function crashArtifacts(crashDir: string): Promise<Set<string>> {
  const names = await readdir(crashDir).catch(() => []);
  return new Set(names.filter((n) => CRASH_ARTIFACT.test(n)));
}

/** Absolute paths of the artifacts in `crashDir` that were not in `before`, sorted. */
export async function newCrashArtifacts(crashDir: string, before: ReadonlySet<string>): Promise<string[]> {
  return [...(await crashArtifacts(crashDir))]
    .filter((n) => !before.has(n))
    .sort()
    .map((n) => path.join(crashDir, n));
}
