import { describe, expect, it } from 'vitest';
import { nativeCatalog } from './catalog';
import { cppcheckAdapter } from './cppcheckAdapter';
import { flawfinderAdapter, tolerantPythonPreamble } from './flawfinderAdapter';
import { NativeSastParameters } from './nativeSastParameters';

const ctx = (overrides: Record<string, unknown> = {}) => ({
  workspace: '/ws',
  scratch: '/scratch',
  params: NativeSastParameters.parse(overrides),
});

describe('cppcheckAdapter', () => {
  it('writes an XML v2 report into the scratch dir, inconclusive checks only when asked', () => {
    const adapter = cppcheckAdapter('/usr/bin/cppcheck', '2.10');
    const plain = adapter.invocation(ctx());
    expect(plain.args).toEqual(
      expect.arrayContaining(['--xml', '--xml-version=2', '--enable=warning,style,portability', '.']),
    );
    expect(plain.args).toContain('--output-file=/scratch/cppcheck.xml');
    expect(plain.reportFile).toBe('/scratch/cppcheck.xml');
    expect(plain.okExitCodes).toEqual([0]);
    expect(plain.args).not.toContain('--inconclusive');
    expect(adapter.invocation(ctx({ cppcheckInconclusive: true })).args).toContain('--inconclusive');
  });
});

describe('flawfinderAdapter', () => {
  it('runs a Python flawfinder through its interpreter with the tolerant preamble', () => {
    const adapter = flawfinderAdapter({
      script: '/usr/bin/flawfinder',
      python: '/usr/bin/python3',
      version: '2.0.19',
    });
    const invocation = adapter.invocation(ctx({ flawfinderMinLevel: 3 }));
    expect(invocation.command).toBe('/usr/bin/python3');
    expect(invocation.args).toEqual([
      '-c',
      tolerantPythonPreamble,
      '/usr/bin/flawfinder',
      '--csv',
      '--minlevel=3',
      '--',
      '.',
    ]);
    expect(invocation.env?.['PYTHONIOENCODING']).toBe('utf-8:surrogateescape');
    expect(invocation.reportFile).toBeUndefined();
  });

  it('runs any other flawfinder directly', () => {
    const invocation = flawfinderAdapter({ script: '/opt/flawfinder', version: '2.0.19' }).invocation(ctx());
    expect(invocation).toMatchObject({
      command: '/opt/flawfinder',
      args: ['--csv', '--minlevel=1', '--', '.'],
    });
  });
});

describe('native-sast catalog entry', () => {
  it('routes to the native vertical and publishes strict parameters with defaults', () => {
    const [entry] = nativeCatalog;
    expect(entry).toMatchObject({
      name: 'native-sast',
      vertical: 'native',
      tools: ['cppcheck', 'flawfinder'],
    });
    expect(entry?.parameters).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { flawfinderMinLevel: { default: 1 }, timeoutSeconds: { default: 900 } },
    });
    expect(() => NativeSastParameters.parse({ flawfinderMinLevel: 6 })).toThrow();
  });
});
