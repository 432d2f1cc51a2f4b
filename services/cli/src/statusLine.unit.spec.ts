import { describe, expect, it } from 'vitest';
import { statusLine } from './statusLine';

const sink = () => {
  let text = '';
  return { write: (t: string) => void (text += t), text: () => text };
};

describe('statusLine', () => {
  it('redraws one line in place on a terminal, throttled, and ends it with a newline', () => {
    const err = sink();
    let now = 0;
    const line = statusLine(err, { interactive: true, columns: 80, minIntervalMs: 100, now: () => now });
    line.update('a');
    now = 50;
    line.update('b'); // throttled, drawn by done()
    line.done();
    expect(err.text()).toBe('\r\x1b[2Ka\r\x1b[2Kb\n');
  });

  it('writes one plain line per change elsewhere (CI logs)', () => {
    const err = sink();
    const line = statusLine(err, { interactive: false, columns: 80 });
    line.update('a');
    line.update('a');
    line.update('b');
    line.done();
    expect(err.text()).toBe('a\nb\n');
  });
});
