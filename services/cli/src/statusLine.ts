import type { Output } from './context';
import { fitToWidth } from './progressFormat';

/**
 * A status line on stderr: on a terminal one line redrawn in place (at most every `minIntervalMs`);
 * elsewhere (CI logs, pipes) one plain line per change, so logs stay readable.
 */
export function statusLine(
  err: Output,
  o: { interactive: boolean; columns: number; minIntervalMs?: number; now?: () => number },
) {
  const now = o.now ?? Date.now;
  let shown: string | undefined;
  let drawnAt = -Infinity;
  let pending: string | undefined;
  return {
    update(line: string, force = false): void {
      if (line === shown) return;
      if (!o.interactive) {
        err.write(`${line}\n`);
        shown = line;
        return;
      }
      if (!force && now() - drawnAt < (o.minIntervalMs ?? 100)) {
        pending = line;
        return;
      }
      err.write(`\r\x1b[2K${fitToWidth(line, o.columns - 1)}`);
      shown = line;
      drawnAt = now();
      pending = undefined;
    },
    /** Ends the line (on a terminal, the cursor moves on to a fresh one). */
    done(finalLine?: string): void {
      const last = finalLine ?? pending;
      if (last !== undefined) this.update(last, true);
      if (o.interactive && shown !== undefined) err.write('\n');
      shown = undefined;
    },
  };
}
