// What pip and npm print when the package index is unreachable or lacks the pinned version.
const registryFailures = [
  'NewConnectionError',
  'Max retries exceeded',
  'Could not fetch URL',
  'Temporary failure in name resolution',
  'No matching distribution',
  'Could not find a version',
  'ProxyError',
  'SSLError',
  'ReadTimeoutError',
  'ConnectTimeoutError',
  'ENOTFOUND',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'E404',
  'ETARGET',
];

/** The install failed because of the registry (network, missing version) rather than this machine. */
export const isRegistryFailure = (output: string): boolean =>
  registryFailures.some((marker) => output.includes(marker));
