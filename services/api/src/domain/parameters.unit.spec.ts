import { describe, expect, it } from 'vitest';
import { workflowCatalog } from '@fuzzforge/catalog';
import { createParameterValidator } from './parameters';

const validate = createParameterValidator(workflowCatalog);

describe('run parameter validation', () => {
  it('fills in defaults', () => {
    expect(validate('secret-scan', {})).toEqual({
      ok: true,
      parameters: { redact: true, maxFileSizeMegabytes: 25, timeoutSeconds: 600 },
    });
  });

  it('names the bad field', () => {
    const result = validate('secret-scan', { redact: 'yes' });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '/parameters/redact', message: 'must be boolean' }],
    });
  });

  it('names an unknown field', () => {
    const result = validate('secret-scan', { colour: 'blue' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.path).toBe('/parameters/colour');
  });

  it('rejects out-of-range numbers', () => {
    const result = validate('secret-scan', { timeoutSeconds: 1 });
    expect(!result.ok && result.errors[0]).toMatchObject({ path: '/parameters/timeoutSeconds' });
  });
});
