/** Why a vertical's toolchain could not be installed or found. */
export type ProvisionErrorCode = 'prerequisite-missing' | 'registry-unreachable' | 'install-failed';

/** A provisioning failure that names its fix: the message says what broke, `hint` what to do. */
export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';

  constructor(
    readonly code: ProvisionErrorCode,
    message: string,
    readonly hint: string,
    options?: ErrorOptions,
  ) {
    super(`${message}\n  fix: ${hint}`, options);
  }
}
