import path from 'node:path';
import type { ToolAdapter } from '@fuzzforge/worker-runtime';
import { findingsFromBandit } from './banditReport';
import type { PythonSastParameters } from './pythonSastParameters';
import { pythonToolPins } from './provisionPythonTools';

export interface BanditAdapterOptions {
  /** The bandit executable (FF_BANDIT_PATH). */
  binary: string;
  /** Settings file passed with --ini instead of the target's own `.bandit`. */
  iniFile: string;
}

/** bandit over every Python file of the workspace; it exits 1 when it found issues. */
export function banditAdapter(o: BanditAdapterOptions): ToolAdapter<PythonSastParameters> {
  return {
    name: 'bandit',
    version: pythonToolPins.bandit,
    invocation: ({ scratch, params }) => {
      const reportFile = path.join(scratch, 'bandit.json');
      return {
        command: o.binary,
        args: [
          '--recursive',
          '.',
          '--format',
          'json',
          '--output',
          reportFile,
          '--quiet',
          '--ini',
          o.iniFile,
          '--confidence-level',
          params.minConfidence,
          ...(params.respectInlineSuppressions ? [] : ['--ignore-nosec']),
        ],
        reportFile,
        okExitCodes: [0, 1],
      };
    },
    parse: (report) => findingsFromBandit(report, { toolVersion: pythonToolPins.bandit }),
  };
}
