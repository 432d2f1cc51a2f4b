import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Finding } from '@fuzzforge/contracts';
import { workspaceSourceLines } from '@fuzzforge/worker-runtime';
import { findingsFromCppcheck, severityOfCppcheck } from './cppcheckReport';
import { decodeXmlText } from './cppcheckXml';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.resolve(here, '../../../tests/fixtures/c-vuln');
const recorded = readFileSync(path.join(here, '__recorded__', 'cppcheck-c-vuln.xml'), 'utf8');
const options = { toolVersion: '2.10', roots: [fixture], sourceLineOf: workspaceSourceLines(fixture) };

describe('findingsFromCppcheck on recorded cppcheck 2.10 output', () => {
  const findings = findingsFromCppcheck(recorded, options);

  it('normalises every error into a valid finding at its primary location', () => {
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.startLine])).toEqual([
      ['cppcheck.getsCalled', 'src/legacy.c', 7],
      ['cppcheck.arrayIndexOutOfBounds', 'src/scores.c', 7],
      ['cppcheck.memleak', 'src/scores.c', 19],
    ]);
  });

  it('carries the CWE, the decoded message, the mapped severity and the flagged line', () => {
    expect(findings[1]).toMatchObject({
      tool: { name: 'cppcheck', version: '2.10' },
      ruleName: 'arrayIndexOutOfBounds',
      severity: 'high',
      message: "Array 'scores[10]' accessed at index 10, which is out of bounds.",
      location: { startColumn: 15, snippet: '        scores[i] = i * 2;' },
      cwe: ['CWE-788'],
    });
    expect(findings[2]?.cwe).toEqual(['CWE-401']);
    expect(findings[0]).toMatchObject({ severity: 'medium', cwe: ['CWE-477'] });
  });

  it('keeps fingerprints when unrelated lines are inserted above the findings', () => {
    const shift = 3;
    const shiftedXml = recorded.replace(/ line="(\d+)"/g, (_, n: string) => ` line="${Number(n) + shift}"`);
    const shifted = findingsFromCppcheck(shiftedXml, {
      ...options,
      sourceLineOf: (file, line) => options.sourceLineOf(file, line - shift),
    });
    expect(shifted.map((f) => f.location.startLine)).toEqual([10, 10, 22]);
    expect(shifted.map((f) => f.fingerprint)).toEqual(findings.map((f) => f.fingerprint));
  });

  it('changes the fingerprint when the flagged line itself changes', () => {
    const edited = findingsFromCppcheck(recorded, {
      ...options,
      sourceLineOf: (file, line) => (line === 19 ? '        return -3;' : options.sourceLineOf(file, line)),
    });
    expect(edited[2]?.fingerprint).not.toBe(findings[2]?.fingerprint);
    expect(edited[1]?.fingerprint).toBe(findings[1]?.fingerprint);
  });
});

const report = (errors: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<results version="2">\n<cppcheck version="2.10"/>\n<errors>\n${errors}\n</errors>\n</results>\n`;
const error = (id: string, file: string, line: number, severity = 'error') =>
  `<error id="${id}" severity="${severity}" msg="m &amp; &#x41;" verbose="v" cwe="119"><location file="${file}" line="${line}" column="3"/></error>`;

describe('findingsFromCppcheck', () => {
  const noSource = { toolVersion: '2.10', roots: ['/ws'], sourceLineOf: () => undefined };

  it('collapses a message repeated for several preprocessor configurations', () => {
    const xml = report([error('nullPointer', 'a.c', 4), error('nullPointer', 'a.c', 4)].join('\n'));
    expect(findingsFromCppcheck(xml, noSource)).toHaveLength(1);
  });

  it('keeps two identical flagged lines of one file apart', () => {
    const xml = report([error('nullPointer', 'a.c', 4), error('nullPointer', 'a.c', 9)].join('\n'));
    const sameText = { ...noSource, sourceLineOf: () => '  *p = 0;' };
    const [a, b] = findingsFromCppcheck(xml, sameText);
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it('strips the workspace from absolute paths and drops analysis diagnostics', () => {
    const xml = report([error('uninitvar', '/ws/lib/x.c', 2), error('syntaxError', '/ws/y.c', 1)].join('\n'));
    const findings = findingsFromCppcheck(xml, noSource);
    expect(findings.map((f) => [f.ruleId, f.location.path, f.message])).toEqual([
      ['cppcheck.uninitvar', 'lib/x.c', 'm & A'],
    ]);
  });

  it('reads an empty report as no findings and rejects what is not cppcheck XML v2', () => {
    expect(findingsFromCppcheck(report(''), noSource)).toEqual([]);
    expect(() => findingsFromCppcheck('<results version="1"></results>', noSource)).toThrow(/version 2/);
  });
});

describe('severityOfCppcheck', () => {
  it('maps cppcheck severities onto ours', () => {
    expect(
      ['error', 'warning', 'style', 'performance', 'portability', 'information'].map(severityOfCppcheck),
    ).toEqual(['high', 'medium', 'low', 'low', 'low', 'info']);
  });
});

describe('decodeXmlText', () => {
  it('resolves named and numeric references', () => {
    expect(decodeXmlText('&lt;a&gt; &quot;&apos;&amp; &#233;&#x20AC;')).toBe(`<a> "'& é€`);
  });
});
