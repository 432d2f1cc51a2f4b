import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@fuzzforge/observability';
import {
  createFuzzActivity,
  createRunReportActivities,
  type RunEventEmitter,
  type TargetCache,
} from '@fuzzforge/worker-runtime';
import { cargoFuzzEngine } from './fuzz/cargoFuzzEngine';
import type { RustToolchain } from './rustToolchain';

export interface RustActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  toolchain: RustToolchain;
  log: Logger;
}

/** Activities of the rust vertical, built with their dependencies (no globals). */
export function createRustActivities(deps: RustActivityDeps) {
  return {
    ...createRunReportActivities(deps.emitter),
    fuzzTarget: createFuzzActivity({ ...deps, engines: { 'cargo-fuzz': cargoFuzzEngine(deps.toolchain) } }),
  };
}

export type RustActivities = ReturnType<typeof createRustActivities>;
