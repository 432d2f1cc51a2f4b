import { describe, expect, it } from 'vitest';
import { findWorkflow, workflowCatalog } from './index';

describe('workflow catalog', () => {
  it('has unique names', () => {
    const names = workflowCatalog.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('publishes secret-scan on the secrets vertical with a JSON Schema of its parameters', () => {
    const entry = findWorkflow('secret-scan');
    expect(entry?.vertical).toBe('secrets');
    expect(entry?.parameters).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { redact: { type: 'boolean', default: true } },
    });
  });

  it.each([
    ['python-sast', 'python', 'minConfidence'],
    ['javascript-sast', 'javascript', 'respectInlineSuppressions'],
  ])('publishes %s on the %s vertical with strict parameters and a timeout', (name, vertical, param) => {
    const entry = findWorkflow(name);
    expect(entry?.vertical).toBe(vertical);
    expect(entry?.parameters).toMatchObject({
      additionalProperties: false,
      properties: { timeoutSeconds: { default: 600 }, [param]: {} },
    });
  });
});
