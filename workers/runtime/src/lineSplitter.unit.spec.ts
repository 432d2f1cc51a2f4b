import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lineSplitter';

describe('LineSplitter', () => {
  it('joins lines split across chunks and keeps the unfinished tail until the end', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    s.push('#1 INITED cov: 2');
    s.push(' ft: 3\n#2 NEW');
    expect(lines).toEqual(['#1 INITED cov: 2 ft: 3']);
    s.push(' cov: 4\r#3 pulse\n');
    s.end();
    expect(lines).toEqual(['#1 INITED cov: 2 ft: 3', '#2 NEW cov: 4', '#3 pulse']);
  });

  it('cuts an endless line into bounded pieces', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), 4);
    s.push('abcdefghij');
    expect(lines).toEqual(['abcd', 'efgh']);
    s.end();
    expect(lines).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps a character whose bytes arrive in two chunks', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    const bytes = Buffer.from('é\n');
    s.push(bytes.subarray(0, 1));
    s.push(bytes.subarray(1));
    expect(lines).toEqual(['é']);
  });
});
