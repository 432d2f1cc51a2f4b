import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { CrashDetails, Finding } from '@fuzzforge/contracts';
import type { Logger } from '@fuzzforge/observability';
import { storageKeys } from '@fuzzforge/platform';
import { crashFinding } from './crashFinding';
import { triageCrash } from './crashTriage';
import type { BuiltHarness, EngineContext, FuzzEngineAdapter, Harness } from './fuzzEngine';

export interface CrashRecorderOptions {
  engine: FuzzEngineAdapter;
  built: BuiltHarness;
  harness: Harness;
  ctx: EngineContext;
  project: string;
  s3: S3Client;
  bucket: string;
  minimize: boolean;
  /** Signatures already reported in this run (a resumed attempt brings the earlier ones). */
  signatures: Set<string>;
  /** Publishes a new crash's finding. */
  report: (finding: Finding) => Promise<void>;
  log: Logger;
}

const sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/**
 * Keeps every crashing input of a run: each distinct input is re-run once, classified and stored under
 * its signature (`crashes/<project>/<signature>/<sha256>`); the first input of a new signature becomes a
 * finding (minimized first when asked). Inputs past the triage bound are stored unclassified.
 */
export function createCrashRecorder(o: CrashRecorderOptions) {
  const seen = new Set<string>();
  // Signatures being reported by this attempt: only a published finding joins `signatures` (the
  // checkpoint), so a worker that dies before publishing leaves the crash to the next attempt.
  const reporting = new Set<string>();

  const store = async (signature: string, content: Buffer): Promise<CrashDetails['input']> => {
    const hash = sha256(content);
    const key = storageKeys.crashInput(o.project, signature, hash);
    await o.s3.send(
      new PutObjectCommand({
        Bucket: o.bucket,
        Key: key,
        Body: content,
        ContentType: 'application/octet-stream',
      }),
    );
    return { key, sha256: hash, size: content.length };
  };

  /** A minimized copy with the same signature, or undefined when none could be made. */
  const minimized = async (file: string, signature: string): Promise<Buffer | undefined> => {
    if (!o.minimize || !o.engine.minimize) return undefined;
    const output = `${file}.minimized`;
    if (!(await o.engine.minimize(o.built, file, output, o.ctx))) return undefined;
    if (!(await stat(output).catch(() => undefined))) return undefined;
    const again = await triageCrash(o.engine, o.built, output, o.ctx, undefined);
    // A minimization that drifted to another crash (or none) is no reproducer of this one.
    return again.reproducible && again.signature === signature ? readFile(output) : undefined;
  };

  return {
    /** Triages one crashing input; true when it is a crash this run had not seen. */
    async record(file: string, sessionOutput: string | undefined): Promise<boolean> {
      const content = await readFile(file);
      const hash = sha256(content);
      if (seen.has(hash)) return false;
      seen.add(hash);
      const crash = await triageCrash(o.engine, o.built, file, o.ctx, sessionOutput);
      const original = await store(crash.signature, content);
      if (o.signatures.has(crash.signature) || reporting.has(crash.signature)) return false;
      reporting.add(crash.signature);
      const smaller = await minimized(file, crash.signature);
      const input = smaller ? await store(crash.signature, smaller) : original;
      await o.report(
        crashFinding({
          project: o.project,
          engine: o.engine.engine,
          engineVersion: o.engine.version,
          harness: o.harness,
          report: crash.report,
          frames: crash.frames,
          signature: crash.signature,
          input,
          reproducible: crash.reproducible,
          minimized: smaller !== undefined,
        }),
      );
      o.signatures.add(crash.signature);
      o.log.info('new crash', { type: crash.report.type, signature: crash.signature });
      return true;
    },

    /** Keeps an input the run had no time to triage, so no crashing input is lost. */
    async keepUntriaged(file: string): Promise<void> {
      const content = await readFile(file);
      const hash = sha256(content);
      if (seen.has(hash)) return;
      seen.add(hash);
      await store('untriaged', content);
    },
  };
}
