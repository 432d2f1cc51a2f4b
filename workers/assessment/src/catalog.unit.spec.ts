import { describe, expect, it } from 'vitest';
import { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { assessmentCatalog } from './catalog';
import { childCatalog } from './childWorkflows';

describe('the security-assessment catalog entry', () => {
  const entry = WorkflowCatalogEntry.parse(assessmentCatalog[0]);

  it('runs on its own task queue with no parameters of its own', () => {
    expect(entry).toMatchObject({ name: 'security-assessment', vertical: 'assessment' });
    expect(entry.parameters).toMatchObject({ type: 'object', additionalProperties: false, properties: {} });
  });

  it('names every tool its children run, once, so SARIF exports list each', () => {
    const childTools = [...childCatalog.values()].flatMap((c) => c.tools);
    expect(entry.tools).toEqual([...new Set(childTools)]);
    expect(entry.tools).toEqual(
      expect.arrayContaining(['gitleaks', 'bandit', 'semgrep', 'eslint', 'cppcheck', 'flawfinder', 'gosec']),
    );
    expect(entry.tools.filter((t) => t === 'semgrep')).toHaveLength(1);
  });

  it('outlasts the slowest child, which runs in parallel with the others', () => {
    for (const child of childCatalog.values())
      expect(entry.timeoutSeconds).toBeGreaterThan(child.timeoutSeconds);
  });
});
