import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverAtherisHarnesses } from './atherisHarnesses';

const fixture = fileURLToPath(new URL('../../../../tests/fixtures/fuzz-python-exception', import.meta.url));
const harness = 'import sys, atheris\natheris.Setup(sys.argv, lambda data: None)\natheris.Fuzz()\n';

describe('discoverAtherisHarnesses', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'ff-atheris-discover-'));
    await cp(fixture, workspace, { recursive: true });
    await writeFile(path.join(workspace, 'fuzz_top.py'), harness);
    for (const skipped of ['.venv/lib', 'env', 'node_modules/x', '.git']) {
      await mkdir(path.join(workspace, skipped), { recursive: true });
      await writeFile(path.join(workspace, skipped, 'fuzz_dep.py'), harness);
    }
    await writeFile(path.join(workspace, 'env', 'pyvenv.cfg'), 'home = /usr/bin\n');
  });
  afterAll(() => rm(workspace, { recursive: true, force: true }));

  it('finds the files that call atheris.Setup, named by their path without .py', async () => {
    expect(await discoverAtherisHarnesses(workspace)).toEqual([
      { name: 'fuzz/fuzz_record', source: 'fuzz/fuzz_record.py' },
      { name: 'fuzz_top', source: 'fuzz_top.py' },
    ]);
  });

  it('finds none where there is none', async () => {
    expect(await discoverAtherisHarnesses(path.join(workspace, 'recordparse'))).toEqual([]);
  });
});
