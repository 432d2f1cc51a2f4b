import { isAbsolute, join, relative } from 'node:path';
import { ExtractionError } from './extractionError';

/** The 'path-escape' refusal for an entry name, with the reason it is unsafe. */
export const pathEscape = (name: string, why: string): ExtractionError =>
  new ExtractionError('path-escape', `entry ${JSON.stringify(name)} ${why}`);

/** Maps an untrusted entry name to a path strictly inside `root`, or throws 'path-escape'. */
export function entryPath(root: string, name: string): string {
  if (name.includes('\0')) throw pathEscape(name, 'contains a NUL byte');
  // On Linux a backslash is an ordinary character, but tools and people read it as a separator.
  if (name.includes('\\')) throw pathEscape(name, 'contains a backslash');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw pathEscape(name, 'is an absolute path');
  const segments = name.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw pathEscape(name, 'contains a ".." segment');
  const path = join(root, ...segments);
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) throw pathEscape(name, 'resolves outside the destination');
  return path;
}
