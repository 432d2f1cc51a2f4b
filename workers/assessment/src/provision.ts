import type { Logger } from '@fuzzforge/observability';

/**
 * The assessment vertical installs nothing: its children run on the other verticals' workers, and it
 * only lists files and merges reports. The signature is every vertical's.
 */
export function provisionAssessmentVertical(
  _stackRoot: string,
  _env: NodeJS.ProcessEnv,
  _log: Logger,
): Promise<Record<string, string>> {
  return Promise.resolve({});
}
