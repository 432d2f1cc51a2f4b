import { appendFile, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTargetCache } from '../targetCache';
import type { CacheMode, Workspace } from '../targetCache';

/**
 * One worker process using a target cache shared with others, for targetCache.multiprocess.unit.spec.ts.
 * Driven by lines on stdin — `acquire <sha256> <runId> <mode>`, `release <runId>`, `stats` — each
 * answered by one JSON line on stdout. Its download copies `$FF_TEST_STORE/<sha256>` in slow chunks
 * (`$FF_TEST_CHUNK_DELAY_MS` apart) and first appends `<pid> <sha256>` to `$FF_TEST_DOWNLOADS`.
 */
const setting = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const store = setting('FF_TEST_STORE');
const downloads = setting('FF_TEST_DOWNLOADS');
const chunkDelayMs = Number(setting('FF_TEST_CHUNK_DELAY_MS'));

async function slowDownload(sha256: string, destFile: string): Promise<void> {
  await appendFile(downloads, `${process.pid} ${sha256}\n`);
  const bytes = await readFile(join(store, sha256));
  const file = await open(destFile, 'w');
  try {
    const chunk = Math.ceil(bytes.length / 8);
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      await file.write(bytes.subarray(offset, offset + chunk));
      await sleep(chunkDelayMs);
    }
  } finally {
    await file.close();
  }
}

const cache = createTargetCache({
  dir: setting('FF_TEST_CACHE_DIR'),
  maxBytes: Number(setting('FF_TEST_MAX_BYTES')),
  download: slowDownload,
  extractLimits: { maxEntries: 1000, maxBytes: 10 * 1024 * 1024 },
});
const held = new Map<string, Workspace>();

async function handle(line: string): Promise<object> {
  const [command, ...args] = line.trim().split(' ');
  if (command === 'acquire') {
    const [sha256 = '', runId = '', mode = 'isolated'] = args;
    const workspace = await cache.acquire(sha256, runId, mode as CacheMode);
    held.set(runId, workspace);
    return { path: workspace.path, stats: cache.stats() };
  }
  if (command === 'release') {
    await held.get(args[0] ?? '')?.release();
    return { stats: cache.stats() };
  }
  if (command === 'stats') return { stats: cache.stats() };
  throw new Error(`unknown command: ${line}`);
}

for await (const line of createInterface({ input: process.stdin })) {
  const reply = await handle(line).catch((error: unknown) => ({
    error: error instanceof Error ? error.message : String(error),
    code: (error as { code?: unknown }).code,
  }));
  process.stdout.write(JSON.stringify(reply) + '\n');
}
