import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@fuzzforge/observability';
import {
  createRunReportActivities,
  createScanActivity,
  type RunEventEmitter,
  type TargetCache,
} from '@fuzzforge/worker-runtime';
import { cppcheckAdapter } from './cppcheckAdapter';
import { flawfinderAdapter, type FlawfinderBinary } from './flawfinderAdapter';
import { NativeSastParameters } from './nativeSastParameters';

export interface NativeActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  cppcheck: { path: string; version: string };
  flawfinder: FlawfinderBinary;
  log: Logger;
}

/** Activities of the native (C/C++) vertical, built with their dependencies (no globals). */
export function createNativeActivities(deps: NativeActivityDeps) {
  return {
    ...createRunReportActivities(deps.emitter),
    scanTarget: createScanActivity({
      ...deps,
      tools: [cppcheckAdapter(deps.cppcheck.path, deps.cppcheck.version), flawfinderAdapter(deps.flawfinder)],
      parseParameters: (raw) => NativeSastParameters.parse(raw),
    }),
  };
}

export type NativeActivities = ReturnType<typeof createNativeActivities>;
