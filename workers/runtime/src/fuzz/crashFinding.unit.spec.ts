import { describe, expect, it } from 'vitest';
import { Finding } from '@fuzzforge/contracts';
import { crashFinding, type CrashFindingInput } from './crashFinding';

const input: CrashFindingInput = {
  project: 'acme',
  engine: 'libfuzzer',
  engineVersion: '14.0.6',
  harness: { name: 'fuzz/fuzz_parse', source: 'fuzz/fuzz_parse.c' },
  report: { type: 'heap-buffer-overflow', summary: 'READ of size 1', frames: [] },
  frames: [
    { function: 'memcpy', file: '/usr/include/string.h', line: 3 },
    { function: 'parse_record', file: 'src/parser.c', line: 21 },
  ],
  signature: '0123456789abcdef0123456789abcdef',
  input: { key: 'crashes/acme/0123/ab', sha256: 'a'.repeat(64), size: 12 },
  reproducible: true,
  minimized: false,
};

describe('crashFinding', () => {
  it('is a valid finding, fingerprinted by signature, located at the first frame in the target', () => {
    const finding = Finding.parse(crashFinding(input));
    expect(finding).toMatchObject({
      fingerprint: 'crash-0123456789abcdef0123456789abcdef',
      ruleId: 'crash/heap-buffer-overflow',
      severity: 'critical',
      cwe: ['CWE-122'],
      location: { path: 'src/parser.c', startLine: 21 },
      artifacts: ['crashes/acme/0123/ab'],
    });
    expect(finding.crash?.project).toBe('acme');
    expect(finding.message).toContain('memcpy');
  });

  it('points at the harness when no frame is in the target', () => {
    const finding = crashFinding({ ...input, frames: [] });
    expect(finding.location).toEqual({ path: 'fuzz/fuzz_parse.c' });
    expect(finding.message).toContain('an unknown frame');
  });
});
