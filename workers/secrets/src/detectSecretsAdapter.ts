import type { ToolAdapter } from '@fuzzforge/worker-runtime';
import { findingsFromDetectSecrets } from './detectSecretsReport';
import type { SecretScanParameters } from './secretScanParameters';

export const detectSecretsVersion = '1.5.0';

/** detect-secrets over every file of the workspace; its baseline JSON comes on stdout. */
export function detectSecretsAdapter(binary: string): ToolAdapter<SecretScanParameters> {
  return {
    name: 'detect-secrets',
    version: detectSecretsVersion,
    invocation: () => ({ command: binary, args: ['scan', '--all-files', '.'], okExitCodes: [0] }),
    parse: (report) => findingsFromDetectSecrets(report, detectSecretsVersion),
  };
}
