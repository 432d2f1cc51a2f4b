import { isRegistryFailure, type ProvisionErrorCode } from '@fuzzforge/worker-runtime/provision';

// What cargo prints when crates.io cannot be reached or lacks the pinned version.
const cargoRegistryFailures = [
  'spurious network error',
  'Could not resolve host',
  'failed to download from',
  'failed to get successful HTTP response',
  'Unable to update registry',
  'failed to query replaced source registry',
  'in registry `crates-io`',
];

/** Whether a failed `cargo install` is the registry's fault (network, missing version) or this machine's. Pure. */
export const cargoInstallFailure = (output: string): ProvisionErrorCode =>
  isRegistryFailure(output) || cargoRegistryFailures.some((marker) => output.includes(marker))
    ? 'registry-unreachable'
    : 'install-failed';
