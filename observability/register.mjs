// `node --import tsx --import @fuzzforge/observability/register <entry>`: every FuzzForge process loads
// this first. Plain JavaScript on purpose: Temporal's workflow threads inherit the process's --import
// flags, and they can neither load TypeScript nor want tracing; on the main thread (where tsx is
// loaded) it starts tracing (src/tracing/register.ts).
import { isMainThread } from 'node:worker_threads';

if (isMainThread) await import('./src/tracing/register.ts');
