import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@fuzzforge/observability';
import {
  createRunReportActivities,
  createScanActivity,
  semgrepAdapter,
  type RunEventEmitter,
  type TargetCache,
} from '@fuzzforge/worker-runtime';
import { pythonToolPins } from '@fuzzforge/worker-python/provision';
import { eslintAdapter } from './eslintAdapter';
import { JavascriptSastParameters } from './javascriptSastParameters';
import { shippedRules } from './shippedRules';

export interface JavascriptActivityDeps {
  emitter: RunEventEmitter;
  cache: TargetCache;
  s3: S3Client;
  bucket: string;
  eslintPath: string;
  semgrepPath: string;
  /** The Node.js that runs eslint. */
  nodePath: string;
  log: Logger;
}

/** Activities of the javascript vertical, built with their dependencies (no globals). */
export function createJavascriptActivities(deps: JavascriptActivityDeps) {
  return {
    ...createRunReportActivities(deps.emitter),
    scanTarget: createScanActivity({
      ...deps,
      tools: [
        eslintAdapter({
          binary: deps.eslintPath,
          node: deps.nodePath,
          configFile: shippedRules.eslintConfig,
        }),
        semgrepAdapter<JavascriptSastParameters>({
          binary: deps.semgrepPath,
          // The python vertical provisions the one semgrep both verticals run.
          version: pythonToolPins.semgrep,
          rulesFile: shippedRules.semgrep,
        }),
      ],
      parseParameters: (raw) => JavascriptSastParameters.parse(raw),
    }),
  };
}

export type JavascriptActivities = ReturnType<typeof createJavascriptActivities>;
