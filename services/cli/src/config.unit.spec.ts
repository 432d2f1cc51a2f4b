import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultApiUrl, loadConfigFile, resolveConfig } from './config';

const file = (config: object) => ({ path: '/p/.fuzzforge.json', config });

describe('resolveConfig', () => {
  it('takes flags over env over the config file over the default', () => {
    const fromFile = file({ apiUrl: 'http://file:1', apiKey: 'file-key', project: 'web' });
    const env = { FF_API_URL: 'http://env:1', FF_API_KEY: 'env-key' };
    expect(
      resolveConfig({ 'api-url': 'http://flag:1/', 'api-key': 'flag-key' }, env, fromFile),
    ).toMatchObject({
      apiUrl: 'http://flag:1',
      apiKey: 'flag-key',
    });
    expect(resolveConfig({}, env, fromFile)).toMatchObject({
      apiUrl: 'http://env:1',
      apiKey: 'env-key',
      project: 'web',
    });
    expect(resolveConfig({}, {}, fromFile)).toMatchObject({ apiUrl: 'http://file:1', apiKey: 'file-key' });
    expect(resolveConfig({}, {}, undefined)).toMatchObject({ apiUrl: defaultApiUrl, apiKey: undefined });
  });

  it('treats an empty environment variable as unset', () => {
    expect(
      resolveConfig({}, { FF_API_URL: '', FF_API_KEY: '' }, file({ apiUrl: 'http://file:1' })),
    ).toMatchObject({
      apiUrl: 'http://file:1',
      apiKey: undefined,
    });
  });

  it('refuses a URL that is not http(s) as a usage error', () => {
    expect(() => resolveConfig({ 'api-url': 'localhost:8000' }, {})).toThrow(/not an http\(s\) URL/);
  });
});

describe('loadConfigFile', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('finds the nearest .fuzzforge.json above the working directory', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ff-config-'));
    dirs.push(root);
    await writeFile(
      path.join(root, '.fuzzforge.json'),
      JSON.stringify({ project: 'web', workflow: 'secret-scan' }),
    );
    await mkdir(path.join(root, 'a', 'b'), { recursive: true });
    expect(await loadConfigFile(path.join(root, 'a', 'b'))).toEqual({
      path: path.join(root, '.fuzzforge.json'),
      config: { project: 'web', workflow: 'secret-scan' },
    });
  });

  it('refuses a malformed file, naming the field', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ff-config-'));
    dirs.push(root);
    await writeFile(path.join(root, '.fuzzforge.json'), JSON.stringify({ project: 'Not Valid' }));
    await expect(loadConfigFile(root)).rejects.toThrow(/project/);
  });
});
