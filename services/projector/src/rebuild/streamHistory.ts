import type { StreamState } from '@nats-io/jetstream';

/**
 * True when a stream no longer holds every message it ever stored (age/size limits, purge, deletes):
 * a rebuild from it would silently forget read-model history the live schema still has.
 */
export function hasLostHistory(
  state: Pick<StreamState, 'messages' | 'first_seq' | 'last_seq' | 'num_deleted'>,
): boolean {
  if (state.num_deleted > 0) return true;
  if (state.messages === 0) return state.last_seq > 0;
  return state.first_seq > 1;
}
