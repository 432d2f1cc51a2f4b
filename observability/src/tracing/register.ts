/**
 * Loaded by every process before its entry point: `node --import tsx --import
 * @fuzzforge/observability/register src/main.ts`. Starts tracing, unless OTEL_SDK_DISABLED=true.
 */
import { register } from 'node:module';
import { hostname } from 'node:os';
import { parseTracingEnv } from './env';
import { serviceIdentity } from './serviceIdentity';
import { flushOnExit, setActiveTracing } from './shutdown';

const env = parseTracingEnv(process.env);

if (!env.OTEL_SDK_DISABLED) {
  // Loaded only when on, so "tracing off" costs the benchmark nothing, not even the SDK's import time.
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { startTracing } = await import('./sdk');
  // ESM imports (our entry points are ESM TypeScript via tsx) bypass require(), so instrumentations only
  // see `pg` or `node:http` through this loader hook. It wraps just the modules instrumentations name.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, registerOptions);
  const identity = serviceIdentity(env, {
    entryPath: process.argv[1],
    hostname: hostname(),
    pid: process.pid,
  });
  const handle = startTracing(env, identity);
  // The hook runs in its own thread: wait until it knows the modules before the entry point imports them.
  await waitForAllMessagesAcknowledged();
  setActiveTracing(handle);
  flushOnExit(handle);
}
