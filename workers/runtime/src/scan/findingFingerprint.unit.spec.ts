import { describe, expect, it } from 'vitest';
import { fingerprinter, normalisedCode } from './findingFingerprint';
import { relativeFindingPath } from './findingPath';

describe('fingerprinter', () => {
  it('ignores indentation and inner whitespace but not the code itself', () => {
    const a = fingerprinter('t')('r', 'a.py', '  eval( x )');
    expect(fingerprinter('t')('r', 'a.py', 'eval(\n x )')).toBe(a);
    expect(fingerprinter('t')('r', 'a.py', 'eval( y )')).not.toBe(a);
  });

  it('tells tool, rule and file apart', () => {
    const base = fingerprinter('t')('r', 'a.py', 'x');
    expect(fingerprinter('u')('r', 'a.py', 'x')).not.toBe(base);
    expect(fingerprinter('t')('s', 'a.py', 'x')).not.toBe(base);
    expect(fingerprinter('t')('r', 'b.py', 'x')).not.toBe(base);
  });

  it('numbers identical code repeated in one file, so both occurrences stay findings', () => {
    const fp = fingerprinter('t');
    const first = fp('r', 'a.py', 'eval(x)');
    const second = fp('r', 'a.py', 'eval(x)');
    expect(second).not.toBe(first);
    expect(fingerprinter('t')('r', 'a.py', 'eval(x)')).toBe(first);
  });

  it('collapses whitespace runs', () => {
    expect(normalisedCode('\ta  =\n  1 ')).toBe('a = 1');
  });
});

describe('relativeFindingPath', () => {
  it('strips ./ and back-slashes, and the root from absolute paths', () => {
    expect(relativeFindingPath('./src/app.py')).toBe('src/app.py');
    expect(relativeFindingPath('src\\app.py')).toBe('src/app.py');
    expect(relativeFindingPath('/w/ws/src/app.py', ['/x', '/w/ws/'])).toBe('src/app.py');
  });

  it('refuses a path outside the workspace', () => {
    expect(() => relativeFindingPath('/etc/passwd', ['/w/ws'])).toThrow(/outside the workspace/);
    expect(() => relativeFindingPath('/w/wsx/a.js', ['/w/ws'])).toThrow();
  });
});
