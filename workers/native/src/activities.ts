import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@fuzzforge/observability';
import {
  createFuzzActivity,
  createRunReportActivities,
  createScanActivity,
  type RunEventEmitter,
  type TargetCache,
} from '@fuzzforge/worker-runtime';
import { cppcheckAdapter } from './cppcheckAdapter';
import { flawfinderAdapter, type FlawfinderBinary } from './flawfinderAdapter';
import { aflEngine } from './fuzz/aflEngine';
import { libfuzzerEngine } from './fuzz/libfuzzerEngine';
import type { NativeFuzzToolchain } from './fuzzToolchain';
import { NativeSastParameters } from './nativeSastParameters';

export interface NativeActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  cppcheck: { path: string; version: string };
  flawfinder: FlawfinderBinary;
  fuzzToolchain: NativeFuzzToolchain;
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
    fuzzTarget: createFuzzActivity({
      ...deps,
      engines: { libfuzzer: libfuzzerEngine(deps.fuzzToolchain), afl: aflEngine(deps.fuzzToolchain) },
    }),
  };
}

export type NativeActivities = ReturnType<typeof createNativeActivities>;
