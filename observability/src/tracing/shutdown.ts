import type { TracingHandle } from './sdk';

const slot = Symbol.for('fuzzforge.observability.tracing');
const holder = globalThis as typeof globalThis & { [slot]?: TracingHandle };

/** Bound on the final flush: a collector that does not answer must not hold a stopping process. */
const flushTimeoutMs = 3000;

/** Remembers the SDK started by `register.ts` so `shutdownTracing` can reach it from the app's code. */
export function setActiveTracing(handle: TracingHandle): void {
  holder[slot] = handle;
}

/**
 * Flushes and stops tracing; call it in a shutdown handler before `process.exit()`, which would
 * otherwise drop the spans still buffered. Does nothing when tracing is off.
 */
export async function shutdownTracing(): Promise<void> {
  const handle = holder[slot];
  if (!handle) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, flushTimeoutMs);
    timer.unref();
  });
  await Promise.race([handle.shutdown(), timeout]);
  clearTimeout(timer);
}

/**
 * Flushes on SIGTERM/SIGINT and when the event loop empties. A signal handler of our own would stop
 * Node's default "exit on signal", so when no other handler is listening the signal is raised again
 * after the flush; when the app has its own handler, the app decides when to exit.
 */
export function flushOnExit(handle: TracingHandle): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      const appHandlesIt = process.listenerCount(signal) > 0;
      void shutdownTracing().finally(() => {
        if (!appHandlesIt) process.kill(process.pid, signal);
      });
    });
  }
  process.once('beforeExit', () => void handle.shutdown());
}
