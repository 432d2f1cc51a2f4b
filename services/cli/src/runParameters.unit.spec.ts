import { describe, expect, it } from 'vitest';
import { CliError } from './exitCodes';
import { parseParamAssignment, runParameters } from './runParameters';

describe('parseParamAssignment', () => {
  it('reads values as JSON when they parse, as strings otherwise', () => {
    expect(parseParamAssignment('durationSeconds=60')).toEqual(['durationSeconds', 60]);
    expect(parseParamAssignment('redact=false')).toEqual(['redact', false]);
    expect(parseParamAssignment('tools=["a","b"]')).toEqual(['tools', ['a', 'b']]);
    expect(parseParamAssignment('branch=main')).toEqual(['branch', 'main']);
    expect(parseParamAssignment('version="1"')).toEqual(['version', '1']);
    expect(parseParamAssignment('empty=')).toEqual(['empty', '']);
  });

  it('splits at the first = only', () => {
    expect(parseParamAssignment('filter=a=b')).toEqual(['filter', 'a=b']);
  });

  it('refuses an assignment without a key as a usage error', () => {
    for (const bad of ['novalue', '=5', '']) {
      expect(() => parseParamAssignment(bad)).toThrow(CliError);
      try {
        parseParamAssignment(bad);
      } catch (err) {
        expect((err as CliError).exitCode).toBe(2);
      }
    }
  });
});

describe('runParameters', () => {
  it('lets each --param override the params file, key by key', () => {
    expect(runParameters('{"redact": true, "timeoutSeconds": 30}', ['redact=false'])).toEqual({
      redact: false,
      timeoutSeconds: 30,
    });
  });

  it('is empty without a file or params', () => {
    expect(runParameters(undefined, [])).toEqual({});
  });

  it('refuses a file that is not a JSON object', () => {
    expect(() => runParameters('[1]', [])).toThrow(/JSON object/);
    expect(() => runParameters('{oops', [])).toThrow(/not valid JSON/);
  });
});
