import { z } from 'zod';
import { WorkflowCatalogEntry, WorkflowListResponse } from '@fuzzforge/contracts';
import { pathParam, type ApiOperation } from '../apiOperation';
import { json, problem } from '../responses';

/** /v1/workflows: the catalogue of what a run can do. */
export const workflowOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/workflows',
    operationId: 'listWorkflows',
    summary: 'List the workflows a run can use, with their parameters',
    tag: 'Workflows',
    responses: { 200: json('The catalogue.', WorkflowListResponse) },
  },
  {
    method: 'get',
    path: '/v1/workflows/{name}',
    operationId: 'getWorkflow',
    summary: 'Get a workflow',
    tag: 'Workflows',
    parameters: [pathParam('name', "The workflow's name (`secret-scan`…).", z.string())],
    responses: {
      200: json('The workflow.', WorkflowCatalogEntry),
      404: problem('`workflow-not-found`: the detail lists the known names.'),
    },
  },
];
