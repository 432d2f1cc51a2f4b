import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverGoFuzzTests } from './goHarnesses';

const fixture = fileURLToPath(new URL('../../../../tests/fixtures/fuzz-go-panic', import.meta.url));
const fuzzTests = (...names: string[]) =>
  `package x\n\nimport "testing"\n\n${names.map((n) => `func ${n}(f *testing.F) {}\n`).join('')}`;

describe('discoverGoFuzzTests', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'ff-go-discover-'));
    await cp(fixture, workspace, { recursive: true });
    await writeFile(path.join(workspace, 'root_test.go'), fuzzTests('FuzzRoot', 'Fuzzy', 'FuzzA_b'));
    for (const ignored of ['vendor/dep', 'parser/testdata', '_old', '.cache']) {
      await mkdir(path.join(workspace, ignored), { recursive: true });
      await writeFile(path.join(workspace, ignored, 'x_test.go'), fuzzTests('FuzzIgnored'));
    }
    await mkdir(path.join(workspace, 'lib'));
    await writeFile(path.join(workspace, 'lib', 'helper.go'), fuzzTests('FuzzNotATest'));
  });
  afterAll(() => rm(workspace, { recursive: true, force: true }));

  it('finds FuzzXxx(f *testing.F) in test files, named by package dir and function', async () => {
    expect(await discoverGoFuzzTests(workspace)).toEqual([
      { name: 'FuzzA_b', source: 'root_test.go', detail: { packageDir: '.', function: 'FuzzA_b' } },
      { name: 'FuzzRoot', source: 'root_test.go', detail: { packageDir: '.', function: 'FuzzRoot' } },
      {
        name: 'parser/FuzzParse',
        source: 'parser/parser_test.go',
        detail: { packageDir: 'parser', function: 'FuzzParse' },
      },
    ]);
  });

  it('finds none where there is none', async () => {
    expect(await discoverGoFuzzTests(path.join(workspace, 'lib'))).toEqual([]);
  });
});
