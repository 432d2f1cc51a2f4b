import { z } from 'zod';
import { CrashDetails } from './fuzzing';
import { Severity } from './severity';

export const FindingLocation = z.object({
  /** Path relative to the target root, with forward slashes. */
  path: z.string().min(1),
  startLine: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
  startColumn: z.number().int().positive().optional(),
  endColumn: z.number().int().positive().optional(),
  /** Source excerpt; secret values are redacted before they get here. */
  snippet: z.string().max(4000).optional(),
});
export type FindingLocation = z.infer<typeof FindingLocation>;

/** The one normalised finding model every tool adapter produces (DESIGN §8). */
export const Finding = z.object({
  /** Stable across runs and line shifts: what was found, where (file), not on which line. */
  fingerprint: z.string().min(8).max(128),
  tool: z.object({ name: z.string().min(1), version: z.string().optional() }),
  ruleId: z.string().min(1),
  ruleName: z.string().optional(),
  severity: Severity,
  message: z.string().min(1),
  location: FindingLocation,
  cwe: z.array(z.string().regex(/^CWE-\d+$/)).default([]),
  /** S3 keys of attached artifacts (crash inputs, reports). */
  artifacts: z.array(z.string()).default([]),
  /** Set on a fuzzing crash: its type, stack, signature and reproducer. */
  crash: CrashDetails.optional(),
});
export type Finding = z.infer<typeof Finding>;
