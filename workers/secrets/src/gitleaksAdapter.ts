import path from 'node:path';
import type { ToolAdapter } from '@fuzzforge/worker-runtime';
import { findingsFromGitleaks } from './gitleaksReport';
import { gitleaksVersion } from './provisionGitleaks';
import type { SecretScanParameters } from './secretScanParameters';

/**
 * gitleaks over the workspace directory. Its report is written unredacted into the private scratch dir:
 * the fingerprint needs a hash of the secret; findings redact it before anything leaves the worker.
 */
export function gitleaksAdapter(binary: string): ToolAdapter<SecretScanParameters> {
  return {
    name: 'gitleaks',
    version: gitleaksVersion.slice(1),
    invocation: ({ scratch, params }) => {
      const reportFile = path.join(scratch, 'gitleaks.json');
      return {
        command: binary,
        args: [
          'dir',
          '.',
          '--report-format',
          'json',
          '--report-path',
          reportFile,
          '--exit-code',
          '0',
          '--no-banner',
          '--no-color',
          '--log-level',
          'warn',
          '--max-target-megabytes',
          String(params.maxFileSizeMegabytes),
        ],
        reportFile,
        okExitCodes: [0],
      };
    },
    parse: (report, { params }) =>
      findingsFromGitleaks(report, { redact: params.redact, toolVersion: gitleaksVersion.slice(1) }),
  };
}
