import path from 'node:path';
import { pathExists } from './pathExists';

/** `<harness>.dict` beside the harness source (OSS-Fuzz's convention), when the target ships one. */
export async function harnessDictionary(workspace: string, source: string): Promise<string | undefined> {
  const dictionary = path.join(workspace, source.replace(/\.[^./]+$/, '.dict'));
  return (await pathExists(dictionary)) ? dictionary : undefined;
}
