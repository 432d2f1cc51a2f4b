import type { CrashDetails, CrashFrame, Finding } from '@fuzzforge/contracts';
import { crashSeverity } from './crashSignature';
import type { CrashReport, Harness } from './fuzzEngine';

const CWE_BY_TYPE: Record<string, string[]> = {
  'heap-buffer-overflow': ['CWE-122'],
  'stack-buffer-overflow': ['CWE-121'],
  'global-buffer-overflow': ['CWE-787'],
  'use-after-free': ['CWE-416'],
  'heap-use-after-free': ['CWE-416'],
  'double-free': ['CWE-415'],
  'null-dereference': ['CWE-476'],
  'nil-dereference': ['CWE-476'],
  'memory-leak': ['CWE-401'],
  'stack-overflow': ['CWE-674'],
  timeout: ['CWE-400'],
  'out-of-memory': ['CWE-400'],
  'index-out-of-range': ['CWE-129'],
  'index-out-of-bounds': ['CWE-129'],
  'arithmetic-overflow': ['CWE-190'],
  'integer-overflow': ['CWE-190'],
  panic: ['CWE-248'],
  'uncaught-exception': ['CWE-248'],
};

export interface CrashFindingInput {
  project: string;
  engine: CrashDetails['engine'];
  engineVersion: string;
  harness: Harness;
  report: CrashReport;
  /** Meaningful frames, innermost first. */
  frames: CrashFrame[];
  signature: string;
  input: CrashDetails['input'];
  reproducible: boolean;
  minimized: boolean;
}

/** Where a crash is: the innermost meaningful frame in the target's own files, else the harness. */
function locationOf(frames: readonly CrashFrame[], harness: Harness): Finding['location'] {
  const inTarget = frames.find((f) => f.file !== undefined && !f.file.startsWith('/'));
  if (inTarget?.file) {
    return { path: inTarget.file, ...(inTarget.line === undefined ? {} : { startLine: inTarget.line }) };
  }
  return { path: harness.source };
}

/** One unique crash as a finding: rule `crash/<type>`, fingerprinted by its signature. Pure. */
export function crashFinding(c: CrashFindingInput): Finding {
  const top = c.frames[0]?.function ?? 'an unknown frame';
  const message = `${c.report.type} in ${top} (harness ${c.harness.name}): ${c.report.summary}`;
  return {
    fingerprint: `crash-${c.signature}`,
    tool: { name: c.engine, version: c.engineVersion },
    ruleId: `crash/${c.report.type}`,
    ruleName: c.report.type.replace(/-/g, ' '),
    severity: crashSeverity(c.report.type),
    message: message.slice(0, 2000),
    location: locationOf(c.frames, c.harness),
    cwe: CWE_BY_TYPE[c.report.type] ?? [],
    artifacts: [c.input.key],
    crash: {
      signature: c.signature,
      project: c.project,
      type: c.report.type,
      summary: c.report.summary.slice(0, 500),
      frames: c.frames.slice(0, 32),
      engine: c.engine,
      harness: c.harness.name,
      input: c.input,
      reproducible: c.reproducible,
      minimized: c.minimized,
    },
  };
}
