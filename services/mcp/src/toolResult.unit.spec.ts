import { describe, expect, it } from 'vitest';
import { FuzzForgeApiError, FuzzForgeConnectionError } from '@fuzzforge/sdk';
import { errorResult, jsonResult, nextStep, toolCall } from './toolResult';

const text = (r: { content: unknown[] }) => (r.content[0] as { text: string }).text;

describe('tool results', () => {
  it('gives a value as JSON text and as structured content', () => {
    const result = jsonResult({ id: 'r1', status: 'queued' });
    expect(JSON.parse(text(result))).toEqual({ id: 'r1', status: 'queued' });
    expect(result.structuredContent).toEqual({ id: 'r1', status: 'queued' });
    expect(result.isError).toBeUndefined();
  });

  it('turns an API problem into a tool error with its detail, its fields and what to do next', () => {
    const err = new FuzzForgeApiError(422, {
      code: 'validation-failed',
      detail: 'The request is invalid.',
      errors: [{ path: '/workflow', message: 'unknown workflow' }],
    });
    const result = errorResult(err);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('422 (validation-failed): The request is invalid.');
    expect(text(result)).toContain('/workflow: unknown workflow');
    expect(text(result)).toContain('Next: Fix the fields');
    expect(result.structuredContent).toMatchObject({ error: { status: 422, code: 'validation-failed' } });
  });

  it('says how to fix a refused key, a missing id, a finished run and an overloaded API', () => {
    expect(nextStep(401, 'unauthorized')).toContain('FF_API_KEY');
    expect(nextStep(404, 'run-not-found')).toContain('list_');
    expect(nextStep(409, 'run-finished')).toContain('already ended');
    expect(nextStep(429, 'rate-limited')).toContain('wait');
    expect(nextStep(503, undefined)).toContain('try again');
    expect(text(errorResult(new FuzzForgeApiError(429, { detail: 'slow down' }, 3)))).toContain(
      'Retry after 3 s.',
    );
  });

  it('points an unreachable API at FF_API_URL', () => {
    const err = new FuzzForgeConnectionError('http://127.0.0.1:1', new TypeError('fetch failed'));
    expect(text(errorResult(err))).toMatch(
      /cannot reach the FuzzForge API at http:\/\/127\.0\.0\.1:1.*\n.*FF_API_URL/,
    );
  });

  it('catches what a tool body throws', async () => {
    const result = await toolCall(() => Promise.reject(new Error('path: no file or directory at /x')));
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'path: no file or directory at /x' }],
    });
  });
});
