import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';

export interface S3Settings {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** An S3 client for any S3-compatible store; path-style addressing works everywhere. */
export function createS3(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
}

/** Creates the bucket unless it exists. Idempotent. */
export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((err: unknown) => {
      const name = (err as { name?: string }).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
    });
  }
}

/** Storage layout (DESIGN §6). */
export const storageKeys = {
  target: (sha256: string): string => `targets/${sha256}`,
  report: (runId: string): string => `results/${runId}/report.sarif`,
  /** The SARIF of one part of a composite run (RunPart), merged into `report` by the parent. */
  childReport: (runId: string, scope: string): string => `results/${runId}/${scope}.sarif`,
  /** A crashing input, content-addressed under its project and crash signature. */
  crashInput: (project: string, signature: string, sha256: string): string =>
    `crashes/${project}/${signature}/${sha256}`,
  /** The merged corpus of one (project, engine, harness), a tar.gz of content-named files. */
  corpus: (project: string, engine: string, harness: string): string =>
    `corpora/${project}/${engine}/${encodeURIComponent(harness)}.tar.gz`,
} as const;
