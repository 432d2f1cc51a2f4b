import { describe, expect, it } from 'vitest';
import { Finding } from '@fuzzforge/contracts';
import { findingsFromGitleaks, severityOfRule } from './gitleaksReport';

const leak = (overrides: Record<string, unknown> = {}) => ({
  RuleID: 'aws-access-token',
  Description: 'AWS access key',
  StartLine: 3,
  EndLine: 3,
  StartColumn: 21,
  EndColumn: 40,
  Match: 'aws_access_key_id = AKIAQ4ZLCNJ7V3XHK2PM',
  Secret: 'AKIAQ4ZLCNJ7V3XHK2PM',
  File: 'config/aws.ini',
  Fingerprint: 'config/aws.ini:aws-access-token:3',
  ...overrides,
});

const parse = (leaks: unknown[], redact = true) =>
  findingsFromGitleaks(JSON.stringify(leaks), { redact, toolVersion: '8.30.1' });

describe('findingsFromGitleaks', () => {
  it('normalises a leak into a valid finding with file, line and rule', () => {
    const [finding] = parse([leak()]);
    expect(Finding.parse(finding)).toEqual(finding);
    expect(finding).toMatchObject({
      ruleId: 'aws-access-token',
      severity: 'critical',
      tool: { name: 'gitleaks', version: '8.30.1' },
      location: { path: 'config/aws.ini', startLine: 3, startColumn: 21 },
      cwe: ['CWE-798'],
    });
  });

  it('never lets the secret into a redacted finding', () => {
    const [finding] = parse([leak()]);
    expect(JSON.stringify(finding)).not.toContain('AKIAQ4ZLCNJ7V3XHK2PM');
    expect(finding?.location.snippet).toBe('aws_access_key_id = REDACTED');
  });

  it('keeps the fingerprint when the secret moves to another line', () => {
    const [a] = parse([leak()]);
    const [b] = parse([leak({ StartLine: 40, EndLine: 40 })]);
    expect(a?.fingerprint).toBe(b?.fingerprint);
  });

  it('tells two different secrets in one file apart, and collapses a repeated one', () => {
    const other = leak({ Secret: 'AKIAZZZZZZZZZZZZZZZZ', Match: 'x = AKIAZZZZZZZZZZZZZZZZ', StartLine: 9 });
    expect(parse([leak(), other, leak({ StartLine: 12 })])).toHaveLength(2);
  });

  it('strips a leading ./ from paths', () => {
    expect(parse([leak({ File: './config/aws.ini' })])[0]?.location.path).toBe('config/aws.ini');
  });

  it('rejects a report that is not gitleaks JSON', () => {
    expect(() => findingsFromGitleaks('{"nope":1}', { redact: true, toolVersion: 'x' })).toThrow();
  });
});

describe('severityOfRule', () => {
  it('ranks cloud keys above generic heuristics', () => {
    expect(severityOfRule('aws-access-token')).toBe('critical');
    expect(severityOfRule('private-key')).toBe('critical');
    expect(severityOfRule('generic-api-key')).toBe('medium');
    expect(severityOfRule('twilio-api-key')).toBe('high');
  });
});
