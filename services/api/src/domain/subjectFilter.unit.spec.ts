import { describe, expect, it } from 'vitest';
import { subjectMatches } from './subjectFilter';

describe('subjectMatches', () => {
  it.each([
    ['ff.run.A.started', 'ff.run.A.started', true],
    ['ff.run.A.started', 'ff.run.B.started', false],
    ['ff.run.*.started', 'ff.run.B.started', true],
    ['ff.run.*.started', 'ff.run.B.progress', false],
    ['ff.run.*', 'ff.run.B.started', false],
    ['ff.run.>', 'ff.run.B.started', true],
    ['ff.run.>', 'ff.run', false],
    ['>', 'ff', true],
    ['ff.run.A', 'ff.run.A.started', false],
    ['ff.run.A.started.x', 'ff.run.A.started', false],
  ])('%s against %s is %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });
});
