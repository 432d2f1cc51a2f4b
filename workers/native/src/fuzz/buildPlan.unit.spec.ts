import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planHarnessBuild } from './buildPlan';
import { harnessesOf } from './harnessDiscovery';
import { roleOf, type SourceFile } from './sourceRole';

const fixtureFile = (file: string): string =>
  readFileSync(new URL(`../../../../tests/fixtures/fuzz-c-heap/${file}`, import.meta.url), 'utf8');

describe('roleOf', () => {
  it('tells harnesses, programs, library sources and headers apart by what they define', () => {
    expect(roleOf('fuzz_parse.c', fixtureFile('fuzz/fuzz_parse.c'))).toBe('harness');
    expect(roleOf('parser.c', fixtureFile('src/parser.c'))).toBe('library');
    expect(roleOf('parser.h', fixtureFile('src/parser.h'))).toBe('header');
    expect(roleOf('tool.c', 'int\nmain(int argc, char **argv)\n{\n  return 0;\n}\n')).toBe('program');
    expect(
      roleOf('fuzz.cc', 'extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data,\n    size_t size) {\n'),
    ).toBe('harness');
  });

  it('does not take a declaration for a definition', () => {
    expect(
      roleOf('api.c', 'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint main(void);\n'),
    ).toBe('library');
  });
});

const files: SourceFile[] = [
  { path: 'fuzz/fuzz_parse.c', role: 'harness', language: 'c' },
  { path: 'fuzz/fuzz_render.cc', role: 'harness', language: 'c++' },
  { path: 'include/lib/render.hpp', role: 'header', language: 'c++' },
  { path: 'src/parser.c', role: 'library', language: 'c' },
  { path: 'src/parser.h', role: 'header', language: 'c' },
  { path: 'src/render.cpp', role: 'library', language: 'c++' },
  { path: 'tools/cli.c', role: 'program', language: 'c' },
];

describe('harnessesOf', () => {
  it('names each harness by its path without extension, in path order', () => {
    expect(harnessesOf(files)).toEqual([
      { name: 'fuzz/fuzz_parse', source: 'fuzz/fuzz_parse.c' },
      { name: 'fuzz/fuzz_render', source: 'fuzz/fuzz_render.cc' },
    ]);
  });
});

describe('planHarnessBuild', () => {
  it('compiles the harness with the library, not other harnesses or programs, headers’ dirs included', () => {
    expect(planHarnessBuild(files, 'fuzz/fuzz_parse.c')).toEqual({
      sources: ['fuzz/fuzz_parse.c', 'src/parser.c', 'src/render.cpp'],
      includeDirs: ['.', 'include', 'include/lib', 'src'],
      cxx: true,
    });
  });

  it('links a C-only target with the C driver', () => {
    const cOnly = files.filter((f) => f.language === 'c');
    expect(planHarnessBuild(cOnly, 'fuzz/fuzz_parse.c')).toMatchObject({
      sources: ['fuzz/fuzz_parse.c', 'src/parser.c'],
      includeDirs: ['.', 'src'],
      cxx: false,
    });
  });
});
