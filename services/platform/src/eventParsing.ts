import { FuzzForgeEvent } from '@fuzzforge/contracts';
import { PoisonMessageError } from './errors';

/** A consumed message as one of the platform's events; one that fails every schema is poison. */
export function parseFuzzForgeEvent(raw: unknown): FuzzForgeEvent {
  const result = FuzzForgeEvent.safeParse(raw);
  if (!result.success) throw new PoisonMessageError(`event fails its schema: ${result.error.message}`);
  return result.data;
}
