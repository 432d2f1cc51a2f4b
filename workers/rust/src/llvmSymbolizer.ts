import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { findOnPath } from '@fuzzforge/worker-runtime/provision';

/** Debian installs versioned LLVMs side by side; the newest is tried first. */
const llvmVersion = (dir: string): number => Number(/^llvm-(\d+)$/.exec(dir)?.[1] ?? -1);

/**
 * An llvm-symbolizer ASan can name frames with: on PATH, else the newest of Debian's
 * `/usr/lib/llvm-N/bin`. Undefined when there is none (frames then come from Rust's backtrace).
 */
export async function findLlvmSymbolizer(
  searchPath: string,
  llvmRoot = '/usr/lib',
): Promise<string | undefined> {
  const onPath = await findOnPath('llvm-symbolizer', searchPath);
  if (onPath) return onPath;
  const dirs = await readdir(llvmRoot).catch(() => [] as string[]);
  const versions = dirs.filter((d) => llvmVersion(d) >= 0).sort((a, b) => llvmVersion(b) - llvmVersion(a));
  for (const dir of versions) {
    const candidate = path.join(llvmRoot, dir, 'bin', 'llvm-symbolizer');
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}
