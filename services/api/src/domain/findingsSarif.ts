import type { Finding, ProjectFinding, RunFinding } from '@fuzzforge/contracts';
import { sarifFromFindings, type SarifLog } from '@fuzzforge/platform';
import { baselineStateOf } from './findingsLifecycle';

type SarifResult = SarifLog['runs'][number]['results'][number];

/** What the lifecycle adds to a SARIF result (SARIF 2.1.0 §3.27.9, §3.27.23, §3.27.24). */
type LifecycleResult = Omit<SarifResult, 'level'> & {
  level: SarifResult['level'] | 'none';
  kind?: 'pass';
  baselineState?: 'new' | 'unchanged' | 'absent';
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[];
};

const fingerprintOf = (r: SarifResult): string | undefined => r.partialFingerprints['fuzzforge/v1'];

/**
 * A run's findings as SARIF with their lifecycle: `baselineState` new or unchanged, suppressed
 * findings carrying an accepted external suppression, and the findings the run fixed as `absent`
 * results of kind `pass` (the rule ran and no longer finds them).
 */
export function sarifWithLifecycle(
  findings: RunFinding[],
  fixed: ProjectFinding[],
  plain: (f: RunFinding) => Finding,
  tools: string[],
  automationId: string,
): {
  $schema: string;
  version: '2.1.0';
  runs: (Omit<SarifLog['runs'][number], 'results'> & { results: LifecycleResult[] })[];
} {
  const byFingerprint = new Map(findings.map((f) => [f.fingerprint, f]));
  const fixedPrints = new Set(fixed.map((f) => f.fingerprint));
  const fixedFindings = fixed.map(
    ({
      id: _id,
      project: _p,
      status: _s,
      suppressed: _x,
      firstSeen: _f,
      lastSeen: _l,
      occurrences: _o,
      ...f
    }) => f,
  );
  const log = sarifFromFindings([...findings.map(plain), ...fixedFindings], tools, automationId);
  return {
    ...log,
    runs: log.runs.map((run) => ({
      ...run,
      results: run.results.map((r): LifecycleResult => {
        const fp = fingerprintOf(r);
        if (fp !== undefined && fixedPrints.has(fp)) {
          return { ...r, kind: 'pass', level: 'none', baselineState: 'absent' };
        }
        const f = fp === undefined ? undefined : byFingerprint.get(fp);
        const state = baselineStateOf(f?.lifecycle ?? null);
        return {
          ...r,
          ...(state ? { baselineState: state } : {}),
          ...(f?.suppressed
            ? {
                suppressions: [
                  { kind: 'external', status: 'accepted', justification: `triaged ${f.status}` },
                ],
              }
            : {}),
        };
      }),
    })),
  };
}
