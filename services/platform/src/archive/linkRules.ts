import { posix } from 'node:path';
import { ExtractionError } from './extractionError';
import { checkNameLength, entrySegments } from './entryPath';

/**
 * A symlink's target judged by its text alone, before any link exists: it must be relative, and must
 * not climb above the root from the directory holding `segments` (the link's own path). Throws
 * 'link-escape'. Necessary but not sufficient: `staysInside` checks the links together afterwards.
 */
export function checkSymlinkTarget(name: string, segments: readonly string[], target: string): void {
  checkNameLength(target, `symlink ${name} -> target`);
  const lexical = posix.normalize(posix.join(...segments.slice(0, -1), '.', target));
  if (
    target === '' ||
    posix.isAbsolute(target) ||
    target.includes('\\') ||
    lexical === '..' ||
    lexical.startsWith('../')
  ) {
    throw new ExtractionError('link-escape', `symlink ${name} -> ${target} points outside the destination`, {
      entry: name,
    });
  }
}

/** The segments of a hardlink's target, which must name an entry inside the root; throws 'link-escape'. */
export function hardlinkTargetSegments(name: string, target: string): string[] {
  try {
    return entrySegments(target);
  } catch (error) {
    throw new ExtractionError('link-escape', `hardlink ${name} points outside the archive: ${target}`, {
      cause: error,
      entry: name,
    });
  }
}
