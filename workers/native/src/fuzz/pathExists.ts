import { access } from 'node:fs/promises';

/** Whether `file` exists (for the optional files a target may ship: build.sh, dictionaries). */
export const pathExists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );
