import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Finding } from '@fuzzforge/contracts';
import type { SourceLineOf } from '../scan/workspaceSource';
import { cweOfMetadata, findingsFromSemgrep, severityOfSemgrep } from './semgrepReport';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../../../tests/fixtures');
// Real semgrep 1.185.0 output on tests/fixtures/{python,js}-vuln, with the shipped rules (see __recorded__/README.md).
const recorded = (name: string): string => readFileSync(path.join(here, '__recorded__', name), 'utf8');
/** The fixture's lines, as the adapter reads them from the workspace; `edit` changes the source first. */
const sourcesOf =
  (dir: string, edit: (text: string) => string = (t) => t): SourceLineOf =>
  (file, line) => {
    try {
      return edit(readFileSync(path.join(fixtures, dir, file), 'utf8')).split('\n')[line - 1];
    } catch {
      return undefined;
    }
  };
const parse = (name: string, sourceLine: SourceLineOf) =>
  findingsFromSemgrep(recorded(name), { toolVersion: '1.185.0', sourceLine });

describe('findingsFromSemgrep on recorded output', () => {
  const python = parse('semgrep-python-vuln.json', sourcesOf('python-vuln'));

  it('normalises every result into a valid finding at the reported file and line', () => {
    for (const f of python) expect(Finding.parse(f)).toEqual(f);
    expect(python.map((f) => [f.ruleId, f.location.path, f.location.startLine])).toEqual([
      ['semgrep.python-hardcoded-password', 'app.py', 8],
      ['semgrep.python-subprocess-shell-true', 'app.py', 15],
      ['semgrep.python-eval-exec-of-input', 'app.py', 21],
      ['semgrep.python-yaml-load-unsafe', 'app.py', 26],
      ['semgrep.python-hardcoded-password', 'app.py', 30],
    ]);
  });

  it('maps rule severity and the CWE from rule metadata', () => {
    const shell = python.find((f) => f.ruleId === 'semgrep.python-subprocess-shell-true');
    expect(shell).toMatchObject({
      tool: { name: 'semgrep', version: '1.185.0' },
      severity: 'high',
      cwe: ['CWE-78'],
      location: { startColumn: 16, endColumn: 48 },
    });
    expect(python.find((f) => f.ruleId === 'semgrep.python-yaml-load-unsafe')).toMatchObject({
      severity: 'medium',
      cwe: ['CWE-502'],
    });
  });

  it('reads the snippet from the source, since semgrep OSS withholds it', () => {
    const shell = python.find((f) => f.ruleId === 'semgrep.python-subprocess-shell-true');
    expect(shell?.location.snippet).toBe('    return str(subprocess.call(cmd, shell=True))');
  });

  it('keeps fingerprints when unrelated lines are inserted above, and tells two passwords apart', () => {
    // The same report, with every position moved as if three lines had been added at the top.
    const shifted = recorded('semgrep-python-vuln.json').replace(
      /"line":(\d+)/g,
      (_, n: string) => `"line":${Number(n) + 3}`,
    );
    const moved = findingsFromSemgrep(shifted, {
      toolVersion: '1.185.0',
      sourceLine: sourcesOf('python-vuln', (t) => '#\n#\n#\n' + t),
    });
    expect(moved.map((f) => f.fingerprint)).toEqual(python.map((f) => f.fingerprint));
    expect(moved[1]?.location.startLine).toBe(18);
    const passwords = python.filter((f) => f.ruleId === 'semgrep.python-hardcoded-password');
    expect(new Set(passwords.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('changes the fingerprint when the flagged code changes', () => {
    const edited = parse(
      'semgrep-python-vuln.json',
      sourcesOf('python-vuln', (t) =>
        t.replace('DB_PASSWORD = "hunter2-prod"', 'DB_PASSWORD = "hunter3-prod"'),
      ),
    );
    expect(edited[0]?.fingerprint).not.toBe(python[0]?.fingerprint);
    expect(edited.slice(1).map((f) => f.fingerprint)).toEqual(python.slice(1).map((f) => f.fingerprint));
  });

  it('parses the JavaScript recording with its CWEs', () => {
    const js = parse('semgrep-js-vuln.json', sourcesOf('js-vuln'));
    expect(js.map((f) => [f.ruleId, f.location.startLine, f.cwe])).toEqual([
      ['semgrep.js-hardcoded-password', 6, ['CWE-798']],
      ['semgrep.js-eval-of-expression', 9, ['CWE-95']],
      ['semgrep.js-child-process-shell-injection', 13, ['CWE-78']],
    ]);
  });

  it('still produces findings when a source cannot be read', () => {
    const blind = parse('semgrep-python-vuln.json', () => undefined);
    expect(blind).toHaveLength(5);
    expect(blind[0]?.location.snippet).toBeUndefined();
    expect(new Set(blind.map((f) => f.fingerprint)).size).toBe(5);
  });

  it('rejects a report that is not semgrep JSON', () => {
    expect(() =>
      findingsFromSemgrep('{"nope":1}', { toolVersion: 'x', sourceLine: () => undefined }),
    ).toThrow();
  });
});

describe('severityOfSemgrep', () => {
  it('maps legacy and new severity levels', () => {
    expect(severityOfSemgrep('ERROR')).toBe('high');
    expect(severityOfSemgrep('WARNING')).toBe('medium');
    expect(severityOfSemgrep('INFO')).toBe('info');
    expect(severityOfSemgrep('CRITICAL')).toBe('critical');
    expect(severityOfSemgrep('LOW')).toBe('low');
    expect(severityOfSemgrep('INVENTORY')).toBe('info');
  });
});

describe('cweOfMetadata', () => {
  it('extracts CWE ids from strings and lists', () => {
    expect(cweOfMetadata({ cwe: 'CWE-79: XSS' })).toEqual(['CWE-79']);
    expect(cweOfMetadata({ cwe: ['CWE-89: SQLi', 'cwe-89', 'CWE-564'] })).toEqual(['CWE-89', 'CWE-564']);
    expect(cweOfMetadata({})).toEqual([]);
  });
});
