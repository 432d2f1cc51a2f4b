import { describe, expect, it } from 'vitest';
import { entrySegments, MAX_ENTRY_NAME_BYTES } from './entryPath';
import { ExtractionBudget } from './extractionBudget';
import { checkSymlinkTarget, hardlinkTargetSegments } from './linkRules';
import { staysInside } from './linkResolution';

/** A tree's links as the kernel would read them, without a disk. */
const linksOf =
  (links: Record<string, string>) =>
  (path: string): Promise<string | undefined> =>
    Promise.resolve(links[path]);

describe('entry names', () => {
  it('maps a safe name to its segments below the root', () => {
    expect(entrySegments('a/./b//c/')).toEqual(['a', 'b', 'c']);
    expect(entrySegments('./')).toEqual([]);
    expect(entrySegments('..foo/bar')).toEqual(['..foo', 'bar']);
  });

  it.each([
    ['../x', 'contains a ".." segment'],
    ['a/../../x', 'contains a ".." segment'],
    ['/etc/passwd', 'is an absolute path'],
    ['C:/x', 'is an absolute path'],
    ['a\\..\\x', 'contains a backslash'],
    ['a\0b', 'contains a NUL byte'],
  ])('refuses %j with path-escape, naming the entry', (name, why) => {
    expect(() => entrySegments(name)).toThrow(expect.objectContaining({ code: 'path-escape', entry: name }));
    expect(() => entrySegments(name)).toThrow(why);
  });
});

describe('name length', () => {
  it('accepts names up to PATH_MAX and refuses longer ones with name-too-long', () => {
    const deep = `${'x/'.repeat(2047)}y`;
    expect(Buffer.byteLength(deep)).toBe(MAX_ENTRY_NAME_BYTES - 1);
    expect(entrySegments(deep)).toHaveLength(2048);
    expect(() => entrySegments(`0/${'x/'.repeat(30_000)}`)).toThrow(
      expect.objectContaining({ code: 'name-too-long' }),
    );
    expect(() => checkSymlinkTarget('l', ['l'], `${'a/'.repeat(3000)}b`)).toThrow(
      expect.objectContaining({ code: 'name-too-long' }),
    );
  });
});

describe('link rules', () => {
  it('judges a symlink target relative to the directory holding the link', () => {
    expect(() => checkSymlinkTarget('a/b/l', ['a', 'b', 'l'], '../../x')).not.toThrow();
    expect(() => checkSymlinkTarget('a/b/l', ['a', 'b', 'l'], '../../../x')).toThrow(
      expect.objectContaining({ code: 'link-escape', entry: 'a/b/l' }),
    );
    expect(() => checkSymlinkTarget('l', ['l'], '..foo')).not.toThrow();
    for (const target of ['', '/etc', '..', 'a\\b']) {
      expect(() => checkSymlinkTarget('l', ['l'], target)).toThrow(
        expect.objectContaining({ code: 'link-escape' }),
      );
    }
  });

  it('requires a hardlink to name an entry inside the archive', () => {
    expect(hardlinkTargetSegments('h', 'a/b')).toEqual(['a', 'b']);
    expect(() => hardlinkTargetSegments('h', '../etc/passwd')).toThrow(
      expect.objectContaining({ code: 'link-escape', entry: 'h' }),
    );
  });

  it('resolves links component by component, as the kernel does', async () => {
    const chain = linksOf({ 'x/y/b': '../..', 'x/y/c': 'b/../../..' });
    expect(await staysInside('x/y/b', chain)).toBe(true);
    expect(await staysInside('x/y/c', chain)).toBe(false);
    expect(await staysInside('l', linksOf({ l: '/etc' }))).toBe(false);
    expect(await staysInside('a/l', linksOf({ 'a/l': '../b' }))).toBe(true);
  });

  it('calls a link loop an escape instead of following it forever', async () => {
    expect(await staysInside('a', linksOf({ a: 'b', b: 'a' }))).toBe(false);
  });
});

describe('extraction budget', () => {
  it('refuses the entry and the byte past each limit, naming the entry', () => {
    const budget = new ExtractionBudget({ maxEntries: 2, maxBytes: 10 });
    budget.countEntry('a');
    budget.countEntry('b');
    expect(() => budget.countEntry('c')).toThrow(
      expect.objectContaining({ code: 'too-many-entries', entry: 'c' }),
    );
    budget.countBytes('a', 10);
    expect(() => budget.countBytes('b', 1)).toThrow(
      expect.objectContaining({ code: 'too-large', entry: 'b' }),
    );
  });
});
