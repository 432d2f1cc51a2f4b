import { describe, expect, it } from 'vitest';
import type { RunFinding } from '@fuzzforge/contracts';
import { findingsCsv, findingsMarkdown } from './findingsReport';

const finding = (over: Partial<RunFinding> = {}): RunFinding => ({
  id: 'run1:fp00000001',
  fingerprint: 'fp00000001',
  tool: { name: 'gitleaks' },
  ruleId: 'aws-access-token',
  severity: 'critical',
  message: 'AWS access key',
  location: { path: 'config/aws.ini', startLine: 3 },
  cwe: [],
  artifacts: [],
  findingId: 'fnd_1',
  lifecycle: 'new',
  status: 'open',
  suppressed: false,
  ...over,
});

describe('findingsCsv', () => {
  it('writes a header and one row per finding, CRLF-separated', () => {
    expect(findingsCsv([finding()])).toBe(
      'severity,status,rule,tool,path,line,message,findingId\r\n' +
        'critical,open,aws-access-token,gitleaks,config/aws.ini,3,AWS access key,fnd_1\r\n',
    );
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    const csv = findingsCsv([finding({ message: 'say "hi", then\nleave', location: { path: 'a,b.js' } })]);
    expect(csv.split('\r\n')[1]).toBe(
      'critical,open,aws-access-token,gitleaks,"a,b.js",,"say ""hi"", then\nleave",fnd_1',
    );
  });

  it('marks suppressed findings in the status column', () => {
    const csv = findingsCsv([finding({ status: 'false_positive', suppressed: true })]);
    expect(csv).toContain(',false_positive (suppressed),');
  });
});

describe('findingsMarkdown', () => {
  it('renders a table with escaped pipes and one line per finding', () => {
    const md = findingsMarkdown('run1', [finding({ message: 'a | b\nc' })]);
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe('# Findings of run run1');
    expect(lines).toContain('| severity | status | rule | tool | path | line | message | findingId |');
    expect(lines.at(-1)).toBe(
      '| critical | open | aws-access-token | gitleaks | config/aws.ini | 3 | a \\| b c | fnd_1 |',
    );
  });

  it('says so when there are no findings', () => {
    expect(findingsMarkdown('run1', [])).toBe('# Findings of run run1\n\nNo findings.\n');
  });
});
