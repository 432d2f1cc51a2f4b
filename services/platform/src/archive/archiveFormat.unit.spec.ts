import { describe, expect, it } from 'vitest';
import { detectArchiveFormat } from './archiveFormat';

function tarHead(magic: string): Buffer {
  const head = Buffer.alloc(512);
  head.write('some/file.txt', 0);
  head.write(magic, 257, 'latin1');
  return head;
}

describe('detectArchiveFormat', () => {
  it('recognises gzip, zip, empty zip and both tar dialects by their magic bytes', () => {
    expect(detectArchiveFormat(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toBe('tar.gz');
    expect(detectArchiveFormat(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('zip');
    expect(detectArchiveFormat(Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'latin1'))).toBe('zip');
    expect(detectArchiveFormat(tarHead('ustar\x0000'))).toBe('tar');
    expect(detectArchiveFormat(tarHead('ustar  \x00'))).toBe('tar');
  });

  it('calls anything else, including short and empty input, a plain file', () => {
    expect(detectArchiveFormat(Buffer.alloc(0))).toBe('file');
    expect(detectArchiveFormat(Buffer.from([0x1f]))).toBe('file');
    expect(detectArchiveFormat(Buffer.from('PK\x01\x02', 'latin1'))).toBe('file');
    expect(detectArchiveFormat(Buffer.from('#!/bin/sh\necho ustar\n'))).toBe('file');
    expect(detectArchiveFormat(tarHead('ustaR'))).toBe('file');
  });
});
