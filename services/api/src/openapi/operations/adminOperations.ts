import { z } from 'zod';
import {
  AdminAuditPage,
  AdminAuditQuery,
  ConsumersResponse,
  DeadLetter,
  DeadLetterPage,
  DeadLetterQuery,
  DeleteDeadLetterResponse,
  ReplayResponse,
  RequestAuditPage,
  RequestAuditQuery,
} from '@fuzzforge/contracts';
import { pathParam, queryParams, type ApiOperation } from '../apiOperation';
import { json, problem, tooLarge, validationProblem } from '../responses';

const deadLetterId = pathParam(
  'id',
  "The dead letter's sequence in FF_DLQ; anything else names no entry.",
  z.number().int().min(1),
);
const deadLetterNotFound = problem('`dead-letter-not-found`.');

/** /v1/admin: dead letters, the audit trails and consumer health (API keys: apiKeyOperations.ts). */
export const adminOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/admin/dlq',
    operationId: 'listDeadLetters',
    summary: 'List dead letters: events a consumer gave up on',
    tag: 'Admin',
    parameters: queryParams(DeadLetterQuery),
    responses: {
      200: json('A page of dead letters, oldest first, with the start of each payload.', DeadLetterPage),
      400: validationProblem('a filter, `limit` or `after` is invalid'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/dlq/{id}',
    operationId: 'getDeadLetter',
    summary: 'Get a dead letter with its whole payload',
    tag: 'Admin',
    parameters: [deadLetterId],
    responses: { 200: json('The dead letter.', DeadLetter), 404: deadLetterNotFound },
  },
  {
    method: 'post',
    path: '/v1/admin/dlq/{id}/replay',
    operationId: 'replayDeadLetter',
    summary: 'Publish a dead letter again on its original subject (recorded in the audit trail)',
    tag: 'Admin',
    parameters: [deadLetterId],
    responses: {
      202: json("JetStream's acknowledgement of the replay.", ReplayResponse),
      404: deadLetterNotFound,
      409: problem('`dead-letter-not-replayable`: no original subject, or its stream no longer stores it.'),
      413: tooLarge,
    },
  },
  {
    method: 'delete',
    path: '/v1/admin/dlq/{id}',
    operationId: 'deleteDeadLetter',
    summary: 'Delete a dead letter (recorded in the audit trail)',
    tag: 'Admin',
    parameters: [deadLetterId],
    responses: {
      200: json('The dead letter is gone.', DeleteDeadLetterResponse),
      404: deadLetterNotFound,
      413: tooLarge,
    },
  },
  {
    method: 'get',
    path: '/v1/admin/audit',
    operationId: 'listAdminActions',
    summary: 'List the admin actions on dead letters, newest first',
    tag: 'Admin',
    parameters: queryParams(AdminAuditQuery),
    responses: {
      200: json('A page of admin actions.', AdminAuditPage),
      400: validationProblem('a filter, `limit` or `before` is invalid'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/requests',
    operationId: 'listRequests',
    summary: 'List the request audit trail: who called what, and how it ended; newest first',
    tag: 'Admin',
    parameters: queryParams(RequestAuditQuery),
    responses: {
      200: json('A page of requests.', RequestAuditPage),
      400: validationProblem('a filter, `limit` or `before` is invalid'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/consumers',
    operationId: 'listConsumers',
    summary: "The event consumers' positions and lag, and FF_DLQ's size",
    tag: 'Admin',
    responses: { 200: json('Consumer health.', ConsumersResponse) },
  },
];
