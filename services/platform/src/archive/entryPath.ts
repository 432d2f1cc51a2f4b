import { isAbsolute, join, relative } from 'node:path';
import { ExtractionError } from './extractionError';

/** The 'path-escape' refusal for an entry name, with the reason it is unsafe. */
export const pathEscape = (name: string, why: string): ExtractionError =>
  new ExtractionError('path-escape', `entry ${JSON.stringify(name)} ${why}`, { entry: name });

/**
 * Longest entry name or link target accepted, in bytes: Linux's PATH_MAX. It also bounds the work one
 * entry can cause (directories made, link components followed), whatever a tar header allows.
 */
export const MAX_ENTRY_NAME_BYTES = 4096;

/** Refuses a name or link target longer than MAX_ENTRY_NAME_BYTES with 'name-too-long'. */
export function checkNameLength(name: string, what: string): void {
  if (Buffer.byteLength(name) > MAX_ENTRY_NAME_BYTES) {
    throw new ExtractionError(
      'name-too-long',
      `${what} ${JSON.stringify(name.slice(0, 80))}… is longer than ${MAX_ENTRY_NAME_BYTES} bytes`,
      { entry: name.slice(0, MAX_ENTRY_NAME_BYTES) },
    );
  }
}

/**
 * The segments of an untrusted entry name below the root ('a/./b/' → ['a', 'b']; '' or '.' → []), or
 * throws 'path-escape'. Pure: the same rule decides at upload time and at extraction.
 */
export function entrySegments(name: string): string[] {
  checkNameLength(name, 'entry');
  if (name.includes('\0')) throw pathEscape(name, 'contains a NUL byte');
  // On Linux a backslash is an ordinary character, but tools and people read it as a separator.
  if (name.includes('\\')) throw pathEscape(name, 'contains a backslash');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw pathEscape(name, 'is an absolute path');
  const segments = name.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw pathEscape(name, 'contains a ".." segment');
  return segments;
}

/** Maps an untrusted entry name to a path strictly inside `root`, or throws 'path-escape'. */
export function entryPath(root: string, name: string): string {
  const path = join(root, ...entrySegments(name));
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) throw pathEscape(name, 'resolves outside the destination');
  return path;
}
