import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missingToolsError, provisionCommandOf, refusalOf, toolPaths } from './workerRefusal';

describe('a worker without its tools', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ff-refusal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses naming each missing variable and the provisioning command', async () => {
    const tool = join(dir, 'gitleaks');
    await writeFile(tool, '#!/bin/sh\n');
    await chmod(tool, 0o755);
    const locate = toolPaths({ FF_GITLEAKS_PATH: tool, FF_DETECT_SECRETS_PATH: undefined });
    const refusal = await locate(provisionCommandOf('secrets')).then(
      () => 'started',
      (err: unknown) => refusalOf(err),
    );
    expect(refusal).toMatch(/^refusing to start: /);
    expect(refusal).toContain('FF_DETECT_SECRETS_PATH is not set');
    expect(refusal).not.toContain('FF_GITLEAKS_PATH');
    expect(refusal).toContain('npm run provision -- secrets');
  });

  it('starts with every tool path executable', async () => {
    const tool = join(dir, 'bandit');
    await writeFile(tool, '#!/bin/sh\n');
    await chmod(tool, 0o755);
    await expect(toolPaths({ FF_BANDIT_PATH: tool })(provisionCommandOf('python'))).resolves.toEqual({
      FF_BANDIT_PATH: tool,
    });
  });

  it('names what a probe found missing and how to provision it', () => {
    const refusal = refusalOf(
      missingToolsError(
        ['cppcheck (FF_CPPCHECK_PATH)', 'flawfinder (FF_FLAWFINDER_PATH)'],
        provisionCommandOf('native'),
      ),
    );
    expect(refusal).toContain(
      'cppcheck (FF_CPPCHECK_PATH) and flawfinder (FF_FLAWFINDER_PATH) not installed',
    );
    expect(refusal).toContain('run `npm run provision -- native`');
  });
});
