import { StackError } from './stackError';

const heading = 'cannot start: its configuration is invalid';

/**
 * The error `npm start` (and a test platform) fails with when a service refuses its configuration:
 * what the service said about it — from its heading on, or its last lines when it said it otherwise.
 * Pure.
 */
export function configurationRefusal(name: string, lastLines: readonly string[]): StackError {
  const from = lastLines.findIndex((line) => line.includes(heading));
  const said = (from >= 0 ? lastLines.slice(from + 1) : lastLines.slice(-5))
    .map((l) => l.trim())
    .filter(Boolean);
  return new StackError(
    'start-failed',
    `${name} refuses its configuration:\n  ${said.join('\n  ') || '(it said nothing)'}`,
    'set the variables it names (README "Configuration" lists each one) and start again',
  );
}
