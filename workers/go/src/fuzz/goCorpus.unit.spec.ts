import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFromGoCache, corpusIntoGoCache, goCorpusEntry } from './goCorpus';

describe('goCorpusEntry', () => {
  it("writes raw bytes the way Go wrote the fixture's failing input", () => {
    // Go's own file for this input (see __recorded__/README.md): testdata/fuzz/FuzzParse/d28f1d4039bb7164.
    expect(goCorpusEntry(Buffer.from('FZGO\x02F0', 'latin1')).toString('latin1')).toBe(
      'go test fuzz v1\n[]byte("FZGO\\x02F0")\n',
    );
    expect(goCorpusEntry(Buffer.from([0x22, 0x5c, 0x0a, 0xff])).toString('latin1')).toBe(
      'go test fuzz v1\n[]byte("\\"\\\\\\n\\xff")\n',
    );
  });

  it('keeps entries already in Go format', () => {
    const entry = Buffer.from('go test fuzz v1\nstring("a")\nint(3)\n');
    expect(goCorpusEntry(entry)).toBe(entry);
  });
});

describe('corpusIntoGoCache / corpusFromGoCache', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ff-go-corpus-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('converts a corpus in and copies only what Go added back out', async () => {
    const corpus = path.join(root, 'corpus');
    const fuzzDir = path.join(root, 'cache', 'FuzzParse');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'raw'), 'AB');
    await corpusIntoGoCache(corpus, fuzzDir);
    expect(await readFile(path.join(fuzzDir, 'raw'), 'utf8')).toBe('go test fuzz v1\n[]byte("AB")\n');

    await writeFile(path.join(fuzzDir, '0123456789abcdef'), 'go test fuzz v1\n[]byte("new")\n');
    await corpusFromGoCache(fuzzDir, corpus);
    expect((await readdir(corpus)).sort()).toEqual(['0123456789abcdef', 'raw']);
    expect(await readFile(path.join(corpus, 'raw'), 'utf8')).toBe('AB');
  });
});
