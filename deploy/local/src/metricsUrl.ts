import { setTimeout as delay } from 'node:timers/promises';
import { readMetricsPortFile } from '@fuzzforge/platform';

/**
 * The `/metrics` URL of a process, once its port file names its current pid: a restarted process
 * binds a new port and rewrites the file, so a file left by the previous pid is not an answer.
 */
export async function waitForMetricsUrl(
  file: string,
  currentPid: () => number | undefined,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = currentPid();
    const written = await readMetricsPortFile(file);
    if (pid !== undefined && written?.pid === pid) return `http://127.0.0.1:${written.port}/metrics`;
    if (Date.now() > deadline) {
      throw new Error(
        `no metrics port in ${file} for pid ${pid ?? '(down)'} within ${timeoutMs} ms` +
          (written ? ` (it names pid ${written.pid})` : ''),
      );
    }
    await delay(100);
  }
}
