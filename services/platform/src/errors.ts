/** A message that can never succeed (bad JSON, failed schema, unknown type): it goes to the DLQ at once. */
export class PoisonMessageError extends Error {
  readonly code = 'poison-message';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonMessageError';
  }
}
