import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Finding } from '@fuzzforge/contracts';
import { workspaceSourceLines } from '@fuzzforge/worker-runtime';
import { parseCsv } from './csvTable';
import { cwesOf, findingsFromFlawfinder, severityOfFlawfinder } from './flawfinderReport';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.resolve(here, '../../../tests/fixtures/c-vuln');
const recorded = readFileSync(path.join(here, '__recorded__', 'flawfinder-c-vuln.csv'), 'utf8');
const options = { toolVersion: '2.0.19', roots: [fixture], sourceLineOf: workspaceSourceLines(fixture) };
const header = recorded.slice(0, recorded.indexOf('\n') + 1);

describe('findingsFromFlawfinder on recorded flawfinder 2.0.19 CSV', () => {
  const findings = findingsFromFlawfinder(recorded, options);

  it('normalises every hit into a valid finding, in file and line order', () => {
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.startLine])).toEqual([
      ['flawfinder.buffer/char', 'src/copy.c', 6],
      ['flawfinder.buffer/strcpy', 'src/copy.c', 11],
      ['flawfinder.buffer/char', 'src/legacy.c', 6],
      ['flawfinder.buffer/gets', 'src/legacy.c', 7],
    ]);
  });

  it('maps the risk level, keeps CWEs and the flagged line', () => {
    const strcpy = findings[1];
    expect(strcpy).toMatchObject({
      tool: { name: 'flawfinder', version: '2.0.19' },
      ruleName: 'buffer/strcpy',
      severity: 'high',
      location: { startColumn: 5, snippet: '    strcpy(name, argv[1]);' },
      cwe: ['CWE-120'],
    });
    expect(strcpy?.message).toMatch(/^Does not check for buffer overflows .* Consider using snprintf/);
    expect(findings[3]).toMatchObject({ severity: 'critical', cwe: ['CWE-120', 'CWE-20'] });
    expect(findings[0]).toMatchObject({ severity: 'low', cwe: ['CWE-119', 'CWE-120'] });
  });

  it('keeps fingerprints when the hits move to other lines', () => {
    const moved = recorded.replace(
      /^(\.\/src\/[\w.]+),(\d+),/gm,
      (_, f: string, n: string) => `${f},${Number(n) + 7},`,
    );
    const shifted = findingsFromFlawfinder(moved, options);
    expect(shifted.map((f) => f.location.startLine)).toEqual([13, 18, 13, 14]);
    expect(shifted.map((f) => f.fingerprint)).toEqual(findings.map((f) => f.fingerprint));
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
  });
});

describe('findingsFromFlawfinder', () => {
  const row = (file: string, line: number, context: string) =>
    `${file},${line},5,4,4,buffer,strcpy,"Warn, really.",Fix it.,,CWE-120,"${context.replace(/"/g, '""')}",x,2.0.19,FF1001,u\n`;

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const [f] = findingsFromFlawfinder(header + row('./a.c', 3, 'strcpy(b, "x,\ny");'), options);
    expect(f?.message).toBe('Warn, really. Fix it.');
    expect(f?.location.snippet).toBe('strcpy(b, "x,\ny");');
  });

  it('tells identical lines of one file apart and does not depend on column order', () => {
    const csv = header + row('./a.c', 3, 'strcpy(b, s);') + row('./a.c', 9, 'strcpy(b, s);');
    const [a, b] = findingsFromFlawfinder(csv, options);
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it('reads a header alone as no findings', () => {
    expect(findingsFromFlawfinder(header, options)).toEqual([]);
  });

  it('rejects output that is not flawfinder CSV, or was cut off', () => {
    expect(() => findingsFromFlawfinder('', options)).toThrow(/not flawfinder CSV/);
    expect(() => findingsFromFlawfinder('File,Line\n./a.c,1\n', options)).toThrow(/not flawfinder CSV/);
    expect(() => findingsFromFlawfinder(recorded.slice(0, recorded.length - 40), options)).toThrow(/CSV/);
  });
});

describe('severityOfFlawfinder and cwesOf', () => {
  it('maps risk levels 0-5 onto our severities', () => {
    expect([0, 1, 2, 3, 4, 5].map(severityOfFlawfinder)).toEqual([
      'info',
      'low',
      'low',
      'medium',
      'high',
      'critical',
    ]);
  });

  it('reads flawfinder CWE lists', () => {
    expect(cwesOf('CWE-119!/CWE-120')).toEqual(['CWE-119', 'CWE-120']);
    expect(cwesOf('CWE-120, CWE-20')).toEqual(['CWE-120', 'CWE-20']);
    expect(cwesOf('')).toEqual([]);
  });
});

describe('parseCsv', () => {
  it('handles CRLF and a last row without a line break', () => {
    expect(parseCsv('a,b\r\n1,"2"\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});
