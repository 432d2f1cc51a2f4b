import { describe, expect, it } from 'vitest';
import type { FuzzStats } from '@fuzzforge/contracts';
import {
  fitToWidth,
  formatBytes,
  formatDuration,
  runProgressLine,
  uploadProgressLine,
} from './progressFormat';

const stats: FuzzStats = {
  project: 'p',
  engine: 'libfuzzer',
  harness: 'fuzz_parse',
  executions: 1_234_567,
  execsPerSecond: 20_576.4,
  coverage: 312,
  coverageUnit: 'features',
  corpusSize: 41,
  crashes: 2,
  uniqueCrashes: 1,
  elapsedSeconds: 75,
  phase: 'running',
};

describe('progress formatting', () => {
  it('formats bytes, durations and rates for humans', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(384.615)).toBe('385 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MiB');
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(75)).toBe('1m15s');
    expect(formatDuration(3720)).toBe('1h02m');
  });

  it('shows a bar and percent when the upload size is known, and bytes/s either way', () => {
    expect(uploadProgressLine('app.zip', { sentBytes: 512 * 1024, totalBytes: 1024 * 1024 }, 2000)).toBe(
      'Uploading app.zip [##########----------] 50% 512 KiB/1.0 MiB 256 KiB/s',
    );
    expect(uploadProgressLine('src.tar.gz', { sentBytes: 3 * 1024, totalBytes: undefined }, 1000)).toBe(
      'Uploading src.tar.gz 3.0 KiB 3.0 KiB/s',
    );
  });

  it('shows a fuzzing run’s execs/s, coverage and crashes', () => {
    expect(runProgressLine({ id: 'r1', status: 'running', progress: null, fuzzing: stats })).toBe(
      'r1 running: libfuzzer fuzz_parse running, 1,234,567 execs (20,576/s), coverage 312 features, corpus 41, crashes 2 (1 unique), 1m15s',
    );
  });

  it('shows a scan’s step and percent, and only the status once it ended', () => {
    const progress = { step: 'gitleaks', message: 'scanning', percent: 42.4 };
    expect(runProgressLine({ id: 'r1', status: 'running', progress, fuzzing: null })).toBe(
      'r1 running: gitleaks 42% scanning',
    );
    expect(runProgressLine({ id: 'r1', status: 'completed', progress, fuzzing: null })).toBe('r1 completed');
  });

  it('cuts lines to the terminal width', () => {
    expect(fitToWidth('abcdef', 4)).toBe('abc…');
    expect(fitToWidth('abc', 4)).toBe('abc');
  });
});
