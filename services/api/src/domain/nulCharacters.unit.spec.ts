import { describe, expect, it } from 'vitest';
import { holdsNul, refuseNul, withoutControlCharacters } from './nulCharacters';

describe('NUL characters in client text', () => {
  it('are found in strings, arrays and object keys at any depth', () => {
    expect(holdsNul('a\u0000b')).toBe(true);
    expect(holdsNul({ parameters: { paths: ['ok', 'bad\u0000'] } })).toBe(true);
    expect(holdsNul({ ['key\u0000']: 1 })).toBe(true);
    expect(holdsNul({ reason: 'cancelled', n: 1, ok: true, none: null, list: ['\\u0000'] })).toBe(false);
  });

  it('are refused as a 400 validation problem', () => {
    expect(() => refuseNul({ reason: '\u0000' }, 'cancel request')).toThrow(/NUL/);
    expect(() => refuseNul({ reason: 'fine' }, 'cancel request')).not.toThrow();
  });

  it('leave names without control characters', () => {
    expect(withoutControlCharacters('app\u0000.tar\n.gz\u007f')).toBe('app.tar.gz');
    expect(withoutControlCharacters('ünïcode name.zip')).toBe('ünïcode name.zip');
  });
});
