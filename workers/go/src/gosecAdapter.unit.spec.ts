import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goCatalog } from './catalog';
import { GoSastParameters } from './goSastParameters';
import { gosecAdapter, offlineGoEnv } from './gosecAdapter';

describe('gosecAdapter', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'ff-gosec-'));
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  const adapter = gosecAdapter({ gosec: '/t/gosec', version: '2.30.0', go: '/opt/go/bin/go' });

  it('runs offline: no module proxy, no checksum database, no toolchain download', () => {
    const env = offlineGoEnv(workspace, '/opt/go/bin/go');
    expect(env).toMatchObject({ GOPROXY: 'off', GOSUMDB: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' });
    expect(env.PATH?.split(':')[0]).toBe('/opt/go/bin');
  });

  it("uses the target's vendor directory when it has one", async () => {
    await mkdir(path.join(workspace, 'vendor'));
    await writeFile(path.join(workspace, 'vendor', 'modules.txt'), '# example.com/dep v1.0.0\n');
    expect(offlineGoEnv(workspace, 'go').GOFLAGS).toBe('-mod=vendor');
  });

  it('passes test and rule choices to gosec and writes the report into the scratch dir', () => {
    const params = GoSastParameters.parse({ includeTests: true, excludeRules: ['G104', 'G304'] });
    const invocation = adapter.invocation({ workspace, scratch: '/scratch', params });
    expect(invocation.args).toEqual(
      expect.arrayContaining(['-fmt', 'json', '-no-fail', '-tests', '-exclude=G104,G304', './...']),
    );
    expect(invocation.reportFile).toBe('/scratch/gosec.json');
    const defaults = adapter.invocation({ workspace, scratch: '/s', params: GoSastParameters.parse({}) });
    expect(defaults.args.some((a) => a === '-tests' || a.startsWith('-exclude='))).toBe(false);
  });
});

describe('go-sast catalog entry', () => {
  it('routes to the go vertical and publishes strict parameters with defaults', () => {
    const [entry] = goCatalog;
    expect(entry).toMatchObject({
      name: 'go-sast',
      vertical: 'go',
      workflowType: 'goSast',
      tools: ['gosec'],
    });
    expect(entry?.parameters).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { includeTests: { default: false }, timeoutSeconds: { default: 900 } },
    });
    expect(() => GoSastParameters.parse({ excludeRules: ['rm -rf'] })).toThrow();
  });
});
