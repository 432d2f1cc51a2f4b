import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProvisionError } from './provisionError';
import { requireToolPaths } from './toolPaths';

describe('requireToolPaths', () => {
  let dir: string;
  let tool: string;
  let plain: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ff-toolpaths-'));
    tool = path.join(dir, 'tool');
    plain = path.join(dir, 'plain.txt');
    await writeFile(tool, '#!/bin/sh\n');
    await chmod(tool, 0o755);
    await writeFile(plain, 'not a program');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('returns the paths when every tool is an executable file', async () => {
    await expect(requireToolPaths({ FF_A: tool }, 'npm run provision -- x')).resolves.toEqual({ FF_A: tool });
  });

  it('names every missing or unusable tool and the provisioning command', async () => {
    const failure = requireToolPaths(
      { FF_A: undefined, FF_B: plain, FF_C: path.join(dir, 'gone'), FF_D: dir },
      'npm run provision -- x',
    );
    await expect(failure).rejects.toBeInstanceOf(ProvisionError);
    await expect(failure).rejects.toThrow(
      /FF_A is not set; FF_B=.*plain.txt is not executable; FF_C=.*gone does not exist; FF_D=.* is not a file/,
    );
    await expect(failure).rejects.toThrow(/npm run provision -- x/);
  });
});
