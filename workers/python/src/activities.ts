import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@fuzzforge/observability';
import {
  createFuzzActivity,
  createRunReportActivities,
  createScanActivity,
  semgrepAdapter,
  type RunEventEmitter,
  type TargetCache,
} from '@fuzzforge/worker-runtime';
import { banditAdapter } from './banditAdapter';
import { atherisEngine } from './fuzz/atherisEngine';
import type { AtherisToolchain } from './provisionAtheris';
import { pythonToolPins } from './provisionPythonTools';
import { PythonSastParameters } from './pythonSastParameters';
import { shippedRules } from './shippedRules';

export interface PythonActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  banditPath: string;
  semgrepPath: string;
  atheris: AtherisToolchain;
  log: Logger;
}

/** Activities of the python vertical, built with their dependencies (no globals). */
export function createPythonActivities(deps: PythonActivityDeps) {
  return {
    ...createRunReportActivities(deps.emitter),
    scanTarget: createScanActivity({
      ...deps,
      tools: [
        banditAdapter({ binary: deps.banditPath, iniFile: shippedRules.banditIni }),
        semgrepAdapter<PythonSastParameters>({
          binary: deps.semgrepPath,
          version: pythonToolPins.semgrep,
          rulesFile: shippedRules.semgrep,
        }),
      ],
      parseParameters: (raw) => PythonSastParameters.parse(raw),
    }),
    fuzzTarget: createFuzzActivity({ ...deps, engines: { atheris: atherisEngine(deps.atheris) } }),
  };
}

export type PythonActivities = ReturnType<typeof createPythonActivities>;
