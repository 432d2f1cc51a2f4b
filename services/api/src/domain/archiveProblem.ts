import type { ArchiveFormat, ExtractionError } from '@fuzzforge/platform/archive';
import { ApiError } from '../errors';

/**
 * The answer to an archive refused at upload: 422 'unsafe-archive' when it breaks a safety rule,
 * 422 'corrupt-archive' when it cannot be read. `errors` names the offending entry (empty when the
 * archive as a whole is to blame) and the rule.
 */
export function archiveProblem(error: ExtractionError, format: ArchiveFormat): ApiError {
  const entry = [{ path: error.entry ?? '', message: error.code }];
  if (error.code === 'corrupt-archive') {
    return new ApiError(
      'corrupt-archive',
      `The upload looks like a ${format} archive but cannot be read (${error.message}); nothing was stored.${format === 'tar.gz' ? ' A gzip upload must hold a tar archive.' : ''}`,
      entry,
      { cause: error },
    );
  }
  return new ApiError(
    'unsafe-archive',
    `The archive was refused by rule ${error.code}: ${error.message}; nothing was stored.`,
    entry,
    { cause: error },
  );
}
