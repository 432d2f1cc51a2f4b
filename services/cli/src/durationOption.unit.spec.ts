import { describe, expect, it } from 'vitest';
import { parseDurationOption } from './durationOption';

describe('parseDurationOption', () => {
  it('reads plain seconds and s, m, h, d suffixes', () => {
    expect(parseDurationOption('0', '--grace')).toBe(0);
    expect(parseDurationOption('90', '--grace')).toBe(90);
    expect(parseDurationOption('90s', '--grace')).toBe(90);
    expect(parseDurationOption('15m', '--grace')).toBe(900);
    expect(parseDurationOption('24h', '--grace')).toBe(86_400);
    expect(parseDurationOption(' 7d ', '--grace')).toBe(604_800);
  });

  it('refuses anything else, naming the option and the forms it takes', () => {
    for (const bad of ['', 'h', '-5', '1.5h', '2w', '1h30m', 'soon']) {
      expect(() => parseDurationOption(bad, '--grace')).toThrow(/--grace .* is not a duration: give seconds/);
    }
  });
});
