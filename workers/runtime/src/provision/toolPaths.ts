import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { ProvisionError } from './provisionError';

/** Why one configured tool path cannot be used, or undefined when it is an executable file. */
async function problemOf(variable: string, value: string | undefined): Promise<string | undefined> {
  if (!value) return `${variable} is not set`;
  const file = await stat(value).catch(() => undefined);
  if (!file) return `${variable}=${value} does not exist`;
  if (!file.isFile()) return `${variable}=${value} is not a file`;
  const executable = await access(value, constants.X_OK).then(
    () => true,
    () => false,
  );
  return executable ? undefined : `${variable}=${value} is not executable`;
}

/**
 * The tool paths a worker was started with, each checked to be an executable file. A worker refuses
 * to start without them (rather than failing every run later): the error names each variable and the
 * command that provisions them.
 */
export async function requireToolPaths<K extends string>(
  paths: Record<K, string | undefined>,
  provisionCommand: string,
): Promise<Record<K, string>> {
  const entries = Object.entries(paths) as [K, string | undefined][];
  const problems = (await Promise.all(entries.map(([k, v]) => problemOf(k, v)))).filter(
    (p): p is string => p !== undefined,
  );
  if (problems.length) {
    throw new ProvisionError(
      'prerequisite-missing',
      `the worker's tools are not installed: ${problems.join('; ')}`,
      `run \`${provisionCommand}\` and export the variables it prints (npm start does both for its workers)`,
    );
  }
  return Object.fromEntries(entries) as Record<K, string>;
}
