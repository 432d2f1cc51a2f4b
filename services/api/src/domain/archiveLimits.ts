import { defaultExtractionLimits, ExtractionError, type ExtractionLimits } from '@fuzzforge/platform/archive';

/** What an uploaded archive may expand to: the workers' extraction limits plus a bound on the ratio. */
export interface ArchiveLimits extends ExtractionLimits {
  /** Most expanded bytes per byte uploaded; a bigger ratio is a compression bomb. */
  maxCompressionRatio: number;
  /** Expansions up to this size are never called bombs: small archives have large ratios by nature. */
  ratioExemptBytes: number;
}

/** The workers' limits, a ratio no source tree reaches (gzip's own ceiling is ~1032) and 64 MiB. */
export const defaultArchiveLimits: ArchiveLimits = {
  ...defaultExtractionLimits,
  maxCompressionRatio: 100,
  ratioExemptBytes: 64 * 1024 ** 2,
};

/**
 * Compares the bytes an archive has expanded to with the bytes it took, as both grow, and refuses a
 * compression bomb with 'compression-ratio' long before it reaches the byte limit.
 */
export class ExpansionMeter {
  compressed = 0;
  expanded = 0;

  constructor(private readonly limits: ArchiveLimits) {}

  /** Counts `bytes` more expanded output; throws 'compression-ratio' once the ratio is a bomb's. */
  addExpanded(bytes: number, entry?: string): void {
    this.expanded += bytes;
    const problem = compressionRatioProblem(this.expanded, this.compressed, this.limits, entry);
    if (problem) throw problem;
  }
}

/** Whether `expanded` bytes out of `compressed` bytes is a compression bomb under `limits`. Pure. */
export function compressionRatioProblem(
  expanded: number,
  compressed: number,
  limits: ArchiveLimits,
  entry?: string,
): ExtractionError | undefined {
  if (expanded <= limits.ratioExemptBytes || expanded <= compressed * limits.maxCompressionRatio)
    return undefined;
  return new ExtractionError(
    'compression-ratio',
    `archive expands more than ${limits.maxCompressionRatio} times its size (${expanded} bytes from ${compressed})`,
    entry === undefined ? {} : { entry },
  );
}
