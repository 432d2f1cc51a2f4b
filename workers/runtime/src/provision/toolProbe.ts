import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './runCommand';

/** The absolute path of `name` in `PATH`, the way a shell finds it, or undefined. */
export async function findOnPath(
  name: string,
  searchPath = process.env['PATH'] ?? '',
): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    const executable = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (executable) return path.resolve(candidate);
  }
  return undefined;
}

/**
 * Runs `binary <args>` and returns the first match of `version` (its first group) in the output, or
 * undefined when the binary is missing, fails, or prints no version: "installed" means "answers".
 */
export async function probeVersion(
  binary: string,
  args: readonly string[],
  version: RegExp,
): Promise<string | undefined> {
  const result = await runCommand(binary, args).catch(() => undefined);
  if (!result || result.code !== 0) return undefined;
  return version.exec(result.output)?.[1];
}
