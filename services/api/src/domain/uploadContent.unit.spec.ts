import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contentProblem, sniffContent } from './uploadContent';

const tarHead = (): Buffer => {
  const head = Buffer.alloc(512);
  head.write('file.txt', 0);
  head.write('ustar', 257, 'latin1');
  return head;
};

describe('upload content checks', () => {
  it('knows archives by their magic bytes', () => {
    expect(sniffContent(gzipSync('x'))).toBe('gzip');
    expect(sniffContent(Buffer.from('PK\u0003\u0004rest', 'latin1'))).toBe('zip');
    expect(sniffContent(tarHead())).toBe('tar');
    expect(sniffContent(Buffer.from('BZh91AY', 'latin1'))).toBe('bzip2');
    expect(sniffContent(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0]))).toBe('7z');
    expect(sniffContent(Buffer.from('just text'))).toBe('other');
    expect(sniffContent(Buffer.alloc(0))).toBe('other');
  });

  it('accepts content that is what it was declared as, and any single file as octet-stream', () => {
    expect(contentProblem('application/gzip', gzipSync('x'))).toBeUndefined();
    expect(contentProblem('application/x-tar', tarHead())).toBeUndefined();
    expect(contentProblem('application/octet-stream', Buffer.from('int main() {}'))).toBeUndefined();
    expect(contentProblem('application/octet-stream', gzipSync('x'))).toBeUndefined();
  });

  it('refuses a mismatch and an archive format the workers cannot unpack, with 415', () => {
    const mismatch = contentProblem('application/gzip', Buffer.from('not gzip'));
    expect(mismatch?.code).toBe('unsupported-media-type');
    expect(mismatch?.message).toContain('not a gzip archive');
    expect(contentProblem('application/zip', gzipSync('x'))?.message).toContain('a gzip archive');
    expect(contentProblem('application/octet-stream', Buffer.from('BZh91AY'))?.message).toContain('bzip2');
  });
});
