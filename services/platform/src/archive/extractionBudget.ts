import { ExtractionError } from './extractionError';

/** Bounds on what one archive may expand to. */
export interface ExtractionLimits {
  maxEntries: number;
  /** Bytes of file content actually produced, whatever the archive's headers claim. */
  maxBytes: number;
}

/**
 * The workers' defaults (FF_EXTRACT_MAX_ENTRIES, FF_EXTRACT_MAX_BYTES), which the API applies at upload
 * too, so an archive the API accepts is one a worker will unpack.
 */
export const defaultExtractionLimits: ExtractionLimits = {
  maxEntries: 200_000,
  maxBytes: 4 * 1024 ** 3,
};

/** Counts entries and content bytes against the limits as an archive is read, refusing past them. */
export class ExtractionBudget {
  entries = 0;
  bytes = 0;

  constructor(readonly limits: ExtractionLimits) {}

  /** One more entry, of any kind; throws 'too-many-entries' past the limit. */
  countEntry(name: string): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new ExtractionError(
        'too-many-entries',
        `archive holds more than ${this.limits.maxEntries} entries`,
        {
          entry: name,
        },
      );
    }
  }

  /** Content bytes as they are produced (a header's size is a claim); throws 'too-large' past the limit. */
  countBytes(name: string, bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.limits.maxBytes) {
      throw new ExtractionError('too-large', `archive expands beyond ${this.limits.maxBytes} bytes`, {
        entry: name,
      });
    }
  }
}
