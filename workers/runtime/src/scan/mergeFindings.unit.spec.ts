import { describe, expect, it } from 'vitest';
import type { Finding } from '@fuzzforge/contracts';
import { mergeFindings } from './mergeFindings';

const finding = (fingerprint: string, path: string, line: number, tool = 't'): Finding => ({
  fingerprint,
  tool: { name: tool },
  ruleId: 'r',
  severity: 'high',
  message: 'm',
  location: { path, startLine: line },
  cwe: [],
  artifacts: [],
});

describe('mergeFindings', () => {
  it('keeps the first of repeated fingerprints and sorts by file and line', () => {
    const merged = mergeFindings([
      [finding('b-fingerprint', 'b.py', 3, 'one'), finding('a-fingerprint', 'a.py', 9, 'one')],
      [finding('b-fingerprint', 'b.py', 3, 'two'), finding('c-fingerprint', 'a.py', 2, 'two')],
    ]);
    expect(merged.map((f) => [f.fingerprint, f.tool.name])).toEqual([
      ['c-fingerprint', 'two'],
      ['a-fingerprint', 'one'],
      ['b-fingerprint', 'one'],
    ]);
  });
});
