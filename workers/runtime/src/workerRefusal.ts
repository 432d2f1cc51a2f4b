import { ProvisionError } from './provision/provisionError';
import { requireToolPaths } from './provision/toolPaths';

/** Finds a vertical's tools, or rejects naming what is missing and `provisionCommand` as the fix. */
export type ToolLocator<T> = (provisionCommand: string) => Promise<T>;

/** The command that installs a vertical's tools; a worker without them names it and refuses to start. */
export const provisionCommandOf = (vertical: string): string => `npm run provision -- ${vertical}`;

/** Tools given as paths by variables (names → values from the parsed env), each checked to be executable. */
export function toolPaths<const K extends string>(
  paths: Record<K, string | undefined>,
): ToolLocator<Record<K, string>> {
  return (provisionCommand) => requireToolPaths(paths, provisionCommand);
}

/** A vertical whose work runs elsewhere (its children's workers) and needs no tool of its own. */
export const noTools: ToolLocator<Record<never, string>> = () => Promise.resolve({});

/** The error of a probe that found tools missing or not answering, each named with its variable. */
export const missingToolsError = (missing: readonly string[], provisionCommand: string): ProvisionError =>
  new ProvisionError(
    'prerequisite-missing',
    `${missing.join(' and ')} not installed or not answering`,
    `run \`${provisionCommand}\` (npm start does it), or set the variables to installed binaries`,
  );

/** The line a worker logs before exiting because its tools could not be found. */
export const refusalOf = (err: unknown): string =>
  `refusing to start: ${err instanceof Error ? err.message : String(err)}`;
