import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import { childRunsFor, defaultParametersOf } from './assessmentPlan';
import { childCatalog } from './childWorkflows';
import type { AssessedVertical } from './languageDetection';

describe('defaultParametersOf', () => {
  it('gives what the API would fill into an empty request', () => {
    const schema = z.toJSONSchema(
      z
        .object({
          redact: z.boolean().default(true),
          timeoutSeconds: z.number().int().default(600),
          include: z.array(z.string()).default(['**']),
          label: z.string().optional(),
        })
        .strict(),
      { io: 'input' },
    );
    expect(defaultParametersOf(schema)).toEqual({ redact: true, timeoutSeconds: 600, include: ['**'] });
  });

  it('gives nothing for a schema without properties', () => {
    expect(defaultParametersOf({ type: 'object' })).toEqual({});
  });
});

describe('childRunsFor', () => {
  it('routes each vertical to its catalog workflow on its own task queue', () => {
    const plan = childRunsFor(['secrets', 'python', 'javascript', 'native', 'go'], childCatalog);
    expect(plan.map((c) => [c.vertical, c.workflow, c.workflowType, c.taskQueue])).toEqual([
      ['secrets', 'secret-scan', 'secretScan', 'ff-secrets'],
      ['python', 'python-sast', 'pythonSast', 'ff-python'],
      ['javascript', 'javascript-sast', 'javascriptSast', 'ff-javascript'],
      ['native', 'native-sast', 'nativeSast', 'ff-native'],
      ['go', 'go-sast', 'goSast', 'ff-go'],
    ]);
    expect(plan[0]).toMatchObject({
      cacheMode: 'isolated',
      parameters: { redact: true, timeoutSeconds: 600 },
      resources: { memoryMb: 4096, network: 'none' },
    });
    for (const child of plan) expect(child.timeoutSeconds).toBeGreaterThan(0);
  });

  it('keeps the plan small enough to travel through workflow history', () => {
    const plan = childRunsFor(['secrets', 'python', 'javascript', 'native', 'go'], childCatalog);
    expect(JSON.stringify(plan).length).toBeLessThan(16 * 1024);
  });

  it('refuses a vertical the catalog lacks', () => {
    const empty = new Map<AssessedVertical, WorkflowCatalogEntry>();
    expect(() => childRunsFor(['go'], empty)).toThrow(/go/);
  });
});
