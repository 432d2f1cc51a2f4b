import { describe, expect, it } from 'vitest';
import { RunWorkflowInput } from './workflowInput';

const input = {
  runId: '01RUN',
  targetId: 'a'.repeat(64),
  targetSha256: 'a'.repeat(64),
  workflow: 'python-sast',
  cacheMode: 'isolated',
  parameters: {},
};

describe('RunWorkflowInput', () => {
  it('is a whole run without `child`, as every run started before composite runs existed', () => {
    expect(RunWorkflowInput.parse(input)).toEqual(input);
  });

  it('names a part of a composite run by a scope usable in event ids and report keys', () => {
    expect(RunWorkflowInput.parse({ ...input, child: { scope: 'python' } }).child).toEqual({
      scope: 'python',
    });
    for (const scope of ['', 'Python', 'a.b', 'x/y', 'report'])
      expect(() => RunWorkflowInput.parse({ ...input, child: { scope } }), scope).toThrow();
  });
});
