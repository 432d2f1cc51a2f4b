import { z } from 'zod';
import { TargetListResponse, TargetResponse } from '@fuzzforge/contracts';
import { rawUploadTypes } from '../../domain/uploadSource';
import { pathParam, queryParams, type ApiOperation, type JsonSchema } from '../apiOperation';
import { TargetListQuery, TargetUploadQuery } from '../queryParameters';
import { json, locationHeader, problem, validationProblem } from '../responses';

const bytes: JsonSchema = { type: 'string', format: 'binary' };

/** /v1/targets: the code to analyse, uploaded once and stored by its sha256. */
export const targetOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/targets',
    operationId: 'listTargets',
    summary: 'List targets, newest upload first',
    tag: 'Targets',
    parameters: queryParams(TargetListQuery),
    responses: {
      200: json('A page of targets.', TargetListResponse),
      400: validationProblem('`project`, `limit` or `cursor` is invalid'),
    },
  },
  {
    method: 'post',
    path: '/v1/targets',
    operationId: 'uploadTarget',
    summary: 'Upload a target: an archive (tar, tar.gz, zip) or a single file',
    description:
      'Send the bytes as the body with the Content-Type of what they are (`application/octet-stream` for a single file), or as the `file` field of a multipart form. The same bytes are the same target: a re-upload answers the stored one. The declared type must match the content; archives FuzzForge cannot unpack (bzip2, xz, 7z, rar, zstd) are refused.',
    tag: 'Targets',
    parameters: [
      ...queryParams(TargetUploadQuery),
      {
        name: 'Content-Disposition',
        in: 'header',
        description: 'Where a raw upload may name its file (`attachment; filename="app.tar.gz"`).',
        schema: z.string(),
      },
    ],
    requestBody: {
      description: 'The target.',
      required: true,
      content: {
        ...Object.fromEntries(rawUploadTypes.map((type) => [type, bytes])),
        'multipart/form-data': { type: 'object', properties: { file: bytes }, required: ['file'] },
      },
      encoding: { 'multipart/form-data': { file: { contentType: 'application/octet-stream' } } },
    },
    responses: {
      201: json(
        'The stored target (the existing one for bytes uploaded before).',
        TargetResponse,
        locationHeader,
      ),
      400: problem(
        '`empty-upload`: no bytes were sent; `validation-failed`: the multipart body is malformed or has no `file` field, or `project` is not a project name.',
      ),
      413: problem('`payload-too-large`: the upload is over FF_MAX_UPLOAD_BYTES.'),
      422: problem(
        '`unsafe-archive`: an entry escapes the archive (`../`, an absolute path, a link pointing outside) or it unpacks beyond the limits (a zip bomb); `corrupt-archive`: it cannot be read as what it is.',
      ),
      415: problem(
        '`unsupported-media-type`: the Content-Type is not accepted, the content is not what it declares, or it is an archive format FuzzForge cannot unpack.',
      ),
    },
  },
  {
    method: 'get',
    path: '/v1/targets/{id}',
    operationId: 'getTarget',
    summary: 'Get a target',
    tag: 'Targets',
    parameters: [pathParam('id', "The target's id: the sha256 of its bytes.", z.string())],
    responses: {
      200: json('The target.', TargetResponse),
      404: problem('`target-not-found`.'),
    },
  },
];
