/** One Server-Sent Event as a client receives it. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Reads a Server-Sent Events response until the server ends it, `until` says stop, or `timeoutMs`
 * passes; parses the wire format by hand (comments, multi-line data, id and event fields).
 */
export async function readSse(
  url: string,
  o: { lastEventId?: string; until?: (e: SseEvent, all: SseEvent[]) => boolean; timeoutMs?: number } = {},
): Promise<{ events: SseEvent[]; ended: boolean; status: number; contentType: string | null }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), o.timeoutMs ?? 120_000);
  const events: SseEvent[] = [];
  let ended = false;
  let stopped = false;
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...(o.lastEventId ? { 'last-event-id': o.lastEventId } : {}) },
    signal: abort.signal,
  });
  try {
    if (!res.body || res.status !== 200) {
      return { events, ended: true, status: res.status, contentType: res.headers.get('content-type') };
    }
    const decoder = new TextDecoder();
    let buffer = '';
    let current: SseEvent = { data: '' };
    let hasData = false;
    outer: for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (hasData) {
            events.push(current);
            if (o.until?.(current, events)) {
              stopped = true;
              break outer;
            }
          }
          current = { data: '' };
          hasData = false;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') {
          current.data = hasData ? `${current.data}\n${value}` : value;
          hasData = true;
        } else if (field === 'id') current.id = value;
        else if (field === 'event') current.event = value;
      }
    }
    ended = !stopped && !abort.signal.aborted;
  } catch (err) {
    if (!abort.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return { events, ended, status: res.status, contentType: res.headers.get('content-type') };
}
