import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@fuzzforge/observability';
import {
  createFuzzActivity,
  createRunReportActivities,
  createScanActivity,
  type RunEventEmitter,
  type TargetCache,
} from '@fuzzforge/worker-runtime';
import { goFuzzEngine } from './fuzz/goFuzzEngine';
import { GoSastParameters } from './goSastParameters';
import { gosecAdapter, type GosecBinaries } from './gosecAdapter';
import type { GoToolchain } from './provisionGoToolchain';

export interface GoActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  gosec: GosecBinaries;
  goToolchain: GoToolchain;
  log: Logger;
}

/** Activities of the go vertical, built with their dependencies (no globals). */
export function createGoActivities(deps: GoActivityDeps) {
  return {
    ...createRunReportActivities(deps.emitter),
    scanTarget: createScanActivity({
      ...deps,
      tools: [gosecAdapter(deps.gosec)],
      parseParameters: (raw) => GoSastParameters.parse(raw),
    }),
    fuzzTarget: createFuzzActivity({ ...deps, engines: { 'go-fuzz': goFuzzEngine(deps.goToolchain) } }),
  };
}

export type GoActivities = ReturnType<typeof createGoActivities>;
