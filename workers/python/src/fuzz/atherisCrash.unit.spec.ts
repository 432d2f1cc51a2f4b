import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { meaningfulFrames } from '@fuzzforge/worker-runtime';
import { isAtherisNoiseFrame, parseAtherisCrash } from './atherisCrash';
import { pythonModuleOf } from './pythonTraceback';

// Where the recordings were made (see __recorded__/README.md).
const workspace = '/tmp/ff-record/fuzz-python-exception';
const recorded = (name: string) => readFile(new URL(`../__recorded__/${name}`, import.meta.url), 'utf8');
const parse = async (name: string) => parseAtherisCrash(await recorded(name), workspace);

describe('parseAtherisCrash', () => {
  it('reports an uncaught exception with its class, message and frames, innermost first', async () => {
    const report = await parse('atheris-exception-fuzz.txt');
    expect(report).toEqual({
      type: 'uncaught-exception',
      summary: 'IndexError: index out of range',
      frames: [
        { function: 'parse_record', file: 'recordparse/parser.py', line: 28, module: 'recordparse.parser' },
        { function: 'TestOneInput', file: 'fuzz/fuzz_record.py', line: 13, module: '__main__' },
      ],
    });
    expect(await parse('atheris-exception-reproduce.txt')).toEqual(report);
    expect(await parse('atheris-fork-fuzz.txt')).toEqual(report);
  });

  it("reports a timeout with the stack atheris dumps, the driver's frames being noise", async () => {
    const report = await parse('atheris-timeout-reproduce.txt');
    expect(report?.type).toBe('timeout');
    expect(report?.summary).toBe('timeout after 4 seconds');
    expect(report?.frames).toHaveLength(5);
    expect(meaningfulFrames(report!.frames, isAtherisNoiseFrame)).toEqual([
      { function: 'wait_for_terminator', file: 'recordparse/slow.py', module: 'recordparse.slow' },
      { function: 'TestOneInput', file: 'fuzz/fuzz_slow.py', line: 11, module: '__main__' },
    ]);
  });

  it('reports the RSS limit as out-of-memory', async () => {
    expect(await parse('atheris-oom-fuzz.txt')).toEqual({
      type: 'out-of-memory',
      summary: 'out-of-memory (used: 479Mb; limit: 300Mb)',
      frames: [],
    });
  });

  it('reads a native crash without a sanitizer as libFuzzer reports it', async () => {
    expect(await parse('atheris-native-reproduce.txt')).toEqual({
      type: 'deadly-signal',
      summary: 'deadly signal',
      frames: [],
    });
  });

  it('finds nothing in output without a crash', async () => {
    const clean = (await recorded('atheris-exception-fuzz.txt')).split('\n').slice(0, 20).join('\n');
    expect(parseAtherisCrash(clean, workspace)).toBeUndefined();
  });
});

describe('pythonModuleOf', () => {
  it('names modules by their path in the workspace, an installation, or the frozen importer', () => {
    expect(pythonModuleOf('recordparse/__init__.py')).toBe('recordparse');
    expect(pythonModuleOf('src/pkg/mod.py')).toBe('pkg.mod');
    expect(pythonModuleOf('/venv/lib/python3.11/site-packages/atheris/function_hooks.py')).toBe(
      'atheris.function_hooks',
    );
    expect(pythonModuleOf('/usr/lib/python3.11/json/decoder.py')).toBe('json.decoder');
    expect(pythonModuleOf('<frozen runpy>')).toBe('runpy');
    expect(pythonModuleOf('/opt/elsewhere/tool.py')).toBeUndefined();
  });
});
