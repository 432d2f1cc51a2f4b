import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { WorkflowCatalogEntry } from '@fuzzforge/contracts';
import type { FieldError } from '../errors';

export type ParameterCheck =
  { ok: true; parameters: Record<string, unknown> } | { ok: false; errors: FieldError[] };

const fieldError = (e: ErrorObject): FieldError => {
  const missing = e.keyword === 'required' ? `/${String(e.params['missingProperty'])}` : '';
  const extra = e.keyword === 'additionalProperties' ? `/${String(e.params['additionalProperty'])}` : '';
  return { path: `/parameters${e.instancePath}${missing}${extra}`, message: e.message ?? 'is invalid' };
};

/** Validates run parameters against each workflow's JSON Schema and fills in defaults. */
export function createParameterValidator(catalog: readonly WorkflowCatalogEntry[]) {
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: false });
  const compiled = new Map<string, ValidateFunction>(catalog.map((w) => [w.name, ajv.compile(w.parameters)]));
  return (workflow: string, parameters: Record<string, unknown>): ParameterCheck => {
    const validate = compiled.get(workflow);
    if (!validate) throw new Error(`workflow ${workflow} has no compiled schema`);
    const copy = structuredClone(parameters);
    if (validate(copy)) return { ok: true, parameters: copy };
    return { ok: false, errors: (validate.errors ?? []).map(fieldError) };
  };
}
