import { constants } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const markerFile = (dir: string): string => path.join(dir, '.fuzzforge-installed.json');

/** True when `dir` holds exactly `pins` (written by `markInstalled`) and every binary is executable. */
export async function isInstalled(
  dir: string,
  pins: Readonly<Record<string, string>>,
  binaries: readonly string[],
): Promise<boolean> {
  try {
    const recorded = JSON.parse(await readFile(markerFile(dir), 'utf8')) as unknown;
    if (JSON.stringify(recorded) !== JSON.stringify(pins)) return false;
    await Promise.all(binaries.map((b) => access(b, constants.X_OK)));
    return true;
  } catch {
    return false;
  }
}

/** Records that `dir` now holds `pins`; written last, so an interrupted install is redone. */
export async function markInstalled(dir: string, pins: Readonly<Record<string, string>>): Promise<void> {
  await writeFile(markerFile(dir), JSON.stringify(pins) + '\n');
}
