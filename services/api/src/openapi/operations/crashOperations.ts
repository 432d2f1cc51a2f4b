import { z } from 'zod';
import { CorpusHistoryResponse, CrashResponse } from '@fuzzforge/contracts';
import { pathParam, queryParams, type ApiOperation } from '../apiOperation';
import { CorpusQuery } from '../queryParameters';
import { content, json, problem, validationProblem } from '../responses';

const crashId = pathParam('id', "The crash's id.", z.string());

/** /v1/crashes and /v1/corpora: what fuzzing campaigns found and how far they got. */
export const crashOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/crashes/{id}',
    operationId: 'getCrash',
    summary: "Get a project's crash: its signature, stack and where it was seen",
    tag: 'Crashes',
    parameters: [crashId],
    responses: { 200: json('The crash.', CrashResponse), 404: problem('`crash-not-found`.') },
  },
  {
    method: 'get',
    path: '/v1/crashes/{id}/input',
    operationId: 'getCrashInput',
    summary: "Download a crash's reproducer",
    tag: 'Crashes',
    parameters: [crashId],
    responses: {
      200: content(
        'The input that makes the harness crash.',
        { 'application/octet-stream': { type: 'string', format: 'binary' } },
        {
          'Content-Disposition': {
            description: '`attachment; filename="<crash id>.bin"`.',
            required: true,
            schema: { type: 'string' },
          },
          'X-Content-SHA256': {
            description: "The reproducer's sha256, to check the download.",
            required: true,
            schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          },
        },
      ),
      404: problem('`crash-not-found`; `not-found` when the reproducer is no longer stored.'),
    },
  },
  {
    method: 'get',
    path: '/v1/corpora',
    operationId: 'listCorpora',
    summary: 'Corpus size and coverage of each fuzzed harness, run after run',
    tag: 'Crashes',
    parameters: queryParams(CorpusQuery),
    responses: {
      200: json('The corpora, oldest run first.', CorpusHistoryResponse),
      400: validationProblem('`project` is not a project name'),
    },
  },
];
