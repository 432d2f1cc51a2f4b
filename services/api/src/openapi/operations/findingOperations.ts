import { z } from 'zod';
import { FindingListResponse, ProjectFindingResponse, TriageRequest } from '@fuzzforge/contracts';
import { pathParam, queryParams, type ApiOperation } from '../apiOperation';
import { FindingListQuery } from '../queryParameters';
import { json, problem, tooLarge, validationProblem } from '../responses';

const findingId = pathParam('id', "The project finding's id (a run finding's `findingId`).", z.string());
const findingNotFound = problem('`finding-not-found`.');

/** /v1/findings: each project's findings, deduplicated by fingerprint over its runs, and their triage. */
export const findingOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/findings',
    operationId: 'listFindings',
    summary: "List projects' findings, most recently first seen first",
    tag: 'Findings',
    parameters: queryParams(FindingListQuery),
    responses: {
      200: json('A page of findings.', FindingListResponse),
      400: validationProblem(
        'a filter, `limit` or `cursor` is invalid, or `new-since-run` names no known run',
      ),
    },
  },
  {
    method: 'get',
    path: '/v1/findings/{id}',
    operationId: 'getFinding',
    summary: 'Get a finding with its triage history',
    tag: 'Findings',
    parameters: [findingId],
    responses: { 200: json('The finding.', ProjectFindingResponse), 404: findingNotFound },
  },
  {
    method: 'patch',
    path: '/v1/findings/{id}',
    operationId: 'triageFinding',
    summary: 'Triage a finding: set its status, with a comment',
    description:
      '`false_positive` and `accepted_risk` suppress the finding in this and later runs (it stays listed, but no longer counts towards gating); `fixed` is reopened by a later run that reports it again.',
    tag: 'Findings',
    parameters: [findingId],
    requestBody: {
      description: 'The decision.',
      required: true,
      content: { 'application/json': TriageRequest },
    },
    responses: {
      200: json('The finding after the decision.', ProjectFindingResponse),
      400: problem('`invalid-json`: the body is not JSON; `validation-failed`: the decision is invalid.'),
      404: findingNotFound,
      413: tooLarge,
    },
  },
];
