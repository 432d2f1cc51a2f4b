import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@fuzzforge/observability';
import {
  createRunReportActivities,
  createScanActivity,
  type RunEventEmitter,
  type TargetCache,
} from '@fuzzforge/worker-runtime';
import { detectSecretsAdapter } from './detectSecretsAdapter';
import { gitleaksAdapter } from './gitleaksAdapter';
import { mergeSecretFindings } from './secretsMerge';
import { SecretScanParameters } from './secretScanParameters';

export interface SecretsActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  gitleaksPath: string;
  detectSecretsPath: string;
  log: Logger;
}

/** Activities of the secrets vertical, built with their dependencies (no globals). */
export function createSecretsActivities(deps: SecretsActivityDeps) {
  return {
    ...createRunReportActivities(deps.emitter),
    scanTarget: createScanActivity({
      ...deps,
      tools: [gitleaksAdapter(deps.gitleaksPath), detectSecretsAdapter(deps.detectSecretsPath)],
      merge: mergeSecretFindings,
      parseParameters: (raw) => SecretScanParameters.parse(raw),
    }),
  };
}

export type SecretsActivities = ReturnType<typeof createSecretsActivities>;
