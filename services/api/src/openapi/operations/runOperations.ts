import { z } from 'zod';
import {
  CancelRunRequest,
  CancelRunResponse,
  CreateRunRequest,
  CreateRunResponse,
  FindingsResponse,
  RunCrashesResponse,
  RunListResponse,
  RunResponse,
} from '@fuzzforge/contracts';
import { pathParam, queryParams, type ApiOperation } from '../apiOperation';
import { RunEventsQuery, RunFindingsQuery, RunListQuery } from '../queryParameters';
import { content, json, locationHeader, problem, tooLarge, validationProblem } from '../responses';
import { SarifLog } from '../sarifLog';

/** One Server-Sent Event of the stream (schemathesis, for one, checks each event against it). */
const sseEvent = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[0-9]+$', description: 'The stream sequence: resume after it.' },
    event: { type: 'string', description: 'The CloudEvents type (`ff.run.progress`, `ff.run.completed`…).' },
    data: { type: 'string', contentMediaType: 'application/json', description: 'The event envelope.' },
  },
  required: ['id', 'event', 'data'],
};

const runId = pathParam('id', "The run's id.", z.string());
const runNotFound = problem('`run-not-found`.');

/** /v1/runs: analyses of a target by a workflow, their events, findings and crashes. */
export const runOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/runs',
    operationId: 'createRun',
    summary: 'Request a run of a workflow on a target',
    description:
      'The run is stored and queued before the answer; follow it at `Location` or its `/events`. With an `Idempotency-Key`, submitting again (a retry after a timeout) answers with the run the first submission created, never a second one.',
    tag: 'Runs',
    parameters: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        description:
          'Makes the submission idempotent per API key: the same key names the same run (1-255 printable ASCII characters).',
        schema: z.string().regex(/^[\x21-\x7e]{1,255}$/),
      },
    ],
    requestBody: {
      description: 'What to run.',
      required: true,
      content: { 'application/json': CreateRunRequest },
    },
    responses: {
      202: json(
        'The run is queued (or, for a repeated Idempotency-Key, the run it created).',
        CreateRunResponse,
        {
          ...locationHeader,
          'Idempotent-Replayed': {
            description:
              '`true` when the answer is the run an earlier submission with the same Idempotency-Key created.',
            required: false,
            schema: { type: 'string', enum: ['true'] },
          },
        },
      ),
      409: problem('`idempotency-key-reused`: the Idempotency-Key was used for a different run request.'),
      400: problem(
        "`invalid-json`: the body is not JSON; `validation-failed`: the request or the workflow's parameters are invalid.",
      ),
      404: problem('`workflow-not-found` or `target-not-found` (upload the target first).'),
      413: tooLarge,
    },
  },
  {
    method: 'get',
    path: '/v1/runs',
    operationId: 'listRuns',
    summary: 'List runs, newest request first',
    tag: 'Runs',
    parameters: queryParams(RunListQuery),
    responses: {
      200: json('A page of runs.', RunListResponse),
      400: validationProblem('a filter, `limit` or `cursor` is invalid'),
    },
  },
  {
    method: 'get',
    path: '/v1/runs/{id}',
    operationId: 'getRun',
    summary: 'Get a run: status, timeline, progress and finding counts',
    tag: 'Runs',
    parameters: [runId],
    responses: { 200: json('The run.', RunResponse), 404: runNotFound },
  },
  {
    method: 'post',
    path: '/v1/runs/{id}/retry',
    operationId: 'retryRun',
    summary: 'Run an ended run again with the same target, workflow, parameters and project',
    tag: 'Runs',
    parameters: [runId],
    responses: {
      202: json('The new run is queued; `retryOf` names this one.', CreateRunResponse, locationHeader),
      400: validationProblem("the run's parameters are no longer valid for its workflow"),
      404: problem("`run-not-found`, or the run's `workflow-not-found` / `target-not-found`."),
      409: problem('`run-not-finished`: the run has not ended yet.'),
      413: tooLarge,
    },
  },
  {
    method: 'post',
    path: '/v1/runs/{id}/cancel',
    operationId: 'cancelRun',
    summary: 'Ask for a run to be cancelled',
    tag: 'Runs',
    parameters: [runId],
    requestBody: {
      description: 'Why (optional; a body that is not JSON counts as none).',
      required: false,
      content: { 'application/json': CancelRunRequest },
    },
    responses: {
      202: json('The cancel request is stored; the run ends `cancelled` shortly.', CancelRunResponse),
      400: validationProblem('`reason` is not a string of at most 500 characters'),
      404: runNotFound,
      409: problem('`run-finished`: the run already ended.'),
      413: tooLarge,
    },
  },
  {
    method: 'get',
    path: '/v1/runs/{id}/events',
    operationId: 'streamRunEvents',
    summary: "Stream the run's events (Server-Sent Events)",
    description:
      "Past events are replayed, then live ones follow, each with its stream sequence as `id` and its CloudEvents type as `event`; `data` is the event as JSON. The stream ends after the run's end event. Resume with `Last-Event-ID`.",
    tag: 'Runs',
    parameters: [
      runId,
      ...queryParams(RunEventsQuery),
      {
        name: 'Last-Event-ID',
        in: 'header',
        description: 'Resume after this event id.',
        schema: z.string().regex(/^\d{0,15}$/),
      },
    ],
    responses: {
      200: content('The event stream.', { 'text/event-stream': sseEvent }),
      400: validationProblem('`Last-Event-ID` is not an event id'),
      404: runNotFound,
    },
  },
  {
    method: 'get',
    path: '/v1/runs/{id}/crashes',
    operationId: 'listRunCrashes',
    summary: 'List the crashes a fuzzing run found, in the order it found them',
    tag: 'Runs',
    parameters: [runId],
    responses: { 200: json("The run's crashes.", RunCrashesResponse), 404: runNotFound },
  },
  {
    method: 'get',
    path: '/v1/runs/{id}/findings',
    operationId: 'listRunFindings',
    summary: "Get a run's findings, as JSON or SARIF 2.1.0",
    tag: 'Runs',
    description:
      'SARIF is answered for `format=sarif`, or for `Accept: application/sarif+json` when `format` is absent.',
    parameters: [runId, ...queryParams(RunFindingsQuery)],
    responses: {
      200: content("The run's findings.", {
        'application/json': FindingsResponse,
        'application/sarif+json': SarifLog,
      }),
      400: validationProblem('`format` is neither `json` nor `sarif`'),
      404: runNotFound,
    },
  },
];
